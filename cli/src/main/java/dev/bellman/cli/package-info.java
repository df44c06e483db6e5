/**
 * The {@code bellman} command line (Picocli). Thin: each command parses options into a configuration
 * record, calls a library entry point and prints the result record ({@link dev.bellman.cli.RunCommand}).
 *
 * <ul>
 *   <li>{@link dev.bellman.cli.Main}: entry point, exit codes 0/1/2.</li>
 *   <li>{@link dev.bellman.cli.BellmanCommand}: root command; {@link dev.bellman.cli.GlobalOptions}: options
 *       accepted before or after the subcommand.</li>
 *   <li>Subcommands: train, sample, gap, eval, control pi, control qlearn, bench.</li>
 * </ul>
 */
package dev.bellman.cli;
