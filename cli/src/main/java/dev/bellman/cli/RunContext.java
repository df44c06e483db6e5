package dev.bellman.cli;

import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.run.RunDirectory;
import java.io.PrintStream;

/**
 * What a command's library call gets from the command line: the started engine, the run directory,
 * whether stdout is reserved for one JSON object, and where diagnostics and progress go (stderr).
 */
record RunContext(BellmanEngine engine, RunDirectory runDirectory, boolean json, PrintStream diagnostics) {}
