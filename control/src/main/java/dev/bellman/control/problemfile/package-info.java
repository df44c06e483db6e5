/**
 * Problem parameters from files and the command line (DESIGN.md 4).
 *
 * <ul>
 *   <li>{@link dev.bellman.control.problemfile.ProblemFile}: YAML/JSON problem files into
 *       {@code LqrParameters}, {@code LqrFiniteParameters}, {@code MertonParameters}.</li>
 *   <li>{@link dev.bellman.control.problemfile.ParameterOverrides}: {@code --set key=value} on the scalar
 *       parameters of lqr, lqr-finite, merton, merton-finite, hjb-lq.</li>
 * </ul>
 */
package dev.bellman.control.problemfile;
