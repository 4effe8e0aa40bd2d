/**
 * Operations EP and the Partner compute together without either learning the other's share or the key:
 * Ed25519 signing with nonce shares committed before they are revealed, and ECDH on P-256 (see {@link
 * io.symbolon.server.joint.JointService}; docs/SECURITY.md, "Joint operations").
 */
package io.symbolon.server.joint;
