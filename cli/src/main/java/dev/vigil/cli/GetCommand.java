package dev.vigil.cli;

import picocli.CommandLine.Command;

/** {@code vigil get resources|incidents}. */
@Command(
    name = "get",
    description = "List resources or incidents.",
    subcommands = {ResourcesCommand.class, IncidentsCommand.class})
public final class GetCommand {}
