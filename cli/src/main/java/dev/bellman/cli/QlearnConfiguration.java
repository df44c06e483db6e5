package dev.bellman.cli;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.bellman.control.qlearn.QLearnerConfig;
import dev.bellman.control.qlearn.Structure;
import dev.bellman.control.qlearn.TransitionLog;
import dev.bellman.control.reference.LqrParameters;
import dev.bellman.control.reference.MertonParameters;
import dev.bellman.control.riccati.TimeDiscretisation;
import java.nio.file.Path;

/**
 * A validated {@code control qlearn} invocation (recorded in run.json; the logged transitions themselves
 * are not).
 *
 * @param problem lqr or merton
 * @param lqr the LQR parameters (null for merton)
 * @param merton the Merton parameters (null for lqr)
 * @param learner the learner's settings
 * @param scheme the simulator's transition rule (online)
 * @param richardson learn at Δt and Δt/2 and combine
 * @param transitionsFile the offline log's path, or null
 * @param log the offline transitions, or null
 * @param structure what the learner is told about the problem's form (it picks its architecture from it)
 */
record QlearnConfiguration(String problem, LqrParameters lqr, MertonParameters merton, QLearnerConfig learner,
        TimeDiscretisation scheme, boolean richardson, Path transitionsFile, @JsonIgnore TransitionLog log, Structure structure) {}
