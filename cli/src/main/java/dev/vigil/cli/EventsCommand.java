package dev.vigil.cli;

import picocli.CommandLine.Command;

/** {@code vigil events tail}. */
@Command(
    name = "events",
    description = "The event stream.",
    subcommands = {EventsTailCommand.class})
public final class EventsCommand {}
