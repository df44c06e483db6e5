package dev.bellman.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The result of {@code bellman eval} (DESIGN.md §4); keys that do not apply are null. */
@JsonPropertyOrder({"n", "mmd2", "mmd2_floor", "mmd2_floor_sd", "sw2", "sw2_floor", "energy", "energy_floor", "nll",
    "entropy", "bpd", "nfe"})
record EvalSummary(
        @JsonProperty("n") int n,
        @JsonProperty("mmd2") double mmd2,
        @JsonProperty("mmd2_floor") double mmd2Floor,
        @JsonProperty("mmd2_floor_sd") double mmd2FloorSd,
        @JsonProperty("sw2") double sw2,
        @JsonProperty("sw2_floor") double sw2Floor,
        @JsonProperty("energy") double energy,
        @JsonProperty("energy_floor") double energyFloor,
        @JsonProperty("nll") double nll,
        @JsonProperty("entropy") Double entropy,
        @JsonProperty("bpd") Double bpd,
        @JsonProperty("nfe") long nfe) {}
