package dev.bellman.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The result of {@code bellman sample} (DESIGN.md §4). */
@JsonPropertyOrder({"n", "steps", "nfe", "sampler", "wall_s", "sample_steps_per_s", "output"})
record SampleSummary(
        @JsonProperty("n") int n,
        @JsonProperty("steps") int steps,
        @JsonProperty("nfe") long nfe,
        @JsonProperty("sampler") String sampler,
        @JsonProperty("wall_s") double wallSeconds,
        @JsonProperty("sample_steps_per_s") double sampleStepsPerSecond,
        @JsonProperty("output") String output) {}
