package io.symbolon.server.objects;

/**
 * How a node introduces itself on the pair channel: EP checks it at start and before settling.
 *
 * @param role EP or PARTNER
 * @param pairId the pair's id
 * @param nodeId the node's id
 * @param hostname the node's hostname
 * @param epoch its current epoch
 */
public record NodeHello(String role, String pairId, String nodeId, String hostname, long epoch) {}
