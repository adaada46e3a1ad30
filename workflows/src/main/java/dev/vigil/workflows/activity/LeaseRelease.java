package dev.vigil.workflows.activity;

/**
 * Gives the lease back after the rung is verified or compensated.
 *
 * @param holder the workflow id
 * @param scope the scope it was taken in
 * @param verified true when the rung cleared the signals (starts the scope's cooldown)
 */
public record LeaseRelease(String holder, String scope, boolean verified) {}
