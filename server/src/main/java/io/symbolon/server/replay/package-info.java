/**
 * Messages of the pair channel that must never be acted on twice (joint signing, ECDH, refresh): each is
 * stamped with a random id and a time by EP ({@link io.symbolon.server.replay.MessageStamp}), sent over
 * the pinned mutual-TLS channel ({@link io.symbolon.server.replay.PairChannel}), and accepted once by the
 * Partner ({@link io.symbolon.server.replay.ReplayGuard}).
 */
package io.symbolon.server.replay;
