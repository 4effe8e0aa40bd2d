/** What a node knows about itself: its role, its pair, its epoch and the refresh under way. */
package io.symbolon.vault.node;
