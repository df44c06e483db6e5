package dev.bellman.cli;

import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.engine.EngineConfig;
import dev.bellman.control.run.Json;
import dev.bellman.control.run.RunDirectory;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/**
 * The shape every result-producing command shares, so that each command stays thin: parse options
 * into a configuration record (bad input fails here, before anything is created), open the run
 * directory, start the engine, write {@code run.json}, call the library, then print the result
 * record (one JSON object on stdout with {@code --json}) and save it as {@code result.json}.
 */
abstract class RunCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global = new GlobalOptions();

    /** The command's name in run directories and run.json, e.g. {@code train} or {@code control-pi}. */
    protected abstract String commandName();

    /** The validated configuration record of this invocation; throws BadInputException on bad input. */
    protected abstract Object configuration();

    /** Runs the library entry point and returns its result record. */
    protected abstract Object execute(RunContext context, Object configuration) throws Exception;

    /** How the result reads for people (without --json); one aligned line per field by default. */
    protected void printHuman(Object result, PrintStream out) {
        ResultPrinter.print(result, out);
    }

    @Override
    public final Integer call() throws Exception {
        Object configuration = configuration();
        EngineConfig engineConfig = global.engineConfig();
        RunDirectory dir = RunDirectory.open(global.values().out, commandName());
        BellmanEngine engine = BellmanEngine.start(engineConfig);
        Map<String, Object> recorded = new LinkedHashMap<>();
        recorded.put("engine", engineConfig);
        recorded.put(commandName(), configuration);
        dir.writeRunInfo(commandName(), engineConfig.seed(), recorded);
        RunContext context = new RunContext(engine, dir, global.values().json, System.err);
        Object result = execute(context, configuration);
        dir.writeJson("result.json", result);
        PrintStream out = System.out;
        if (global.values().json) {
            out.println(Json.write(result));
        } else {
            printHuman(result, out);
            out.println("run directory: " + dir.path());
        }
        out.flush();
        return 0;
    }
}
