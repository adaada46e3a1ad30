package dev.vigil.telemetry;

/**
 * Whether spans leave the process. Hot paths (the signal consumer's per-record spans) skip work
 * that only an exported trace would show.
 *
 * @param exporting an exporter is configured
 */
public record TraceExport(boolean exporting) {}
