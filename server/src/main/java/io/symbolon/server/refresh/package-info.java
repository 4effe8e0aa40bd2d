/**
 * Share refresh: EP and the Partner re-randomise every share with the same masks and move together from
 * epoch e to e+1, surviving a crash of either at any point (docs/SECURITY.md, "Share refresh"). {@link
 * io.symbolon.server.refresh.RefreshCoordinator} on EP, {@link io.symbolon.server.refresh.PartnerRefresh}
 * on the Partner.
 */
package io.symbolon.server.refresh;
