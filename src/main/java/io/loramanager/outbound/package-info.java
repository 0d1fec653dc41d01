/**
 * Outbound HTTP policy shared by every capability that fetches from the network: which hosts may be
 * reached, which of them are Civitai (and so may see the API key), and a guard against requests to
 * loopback, link-local and private addresses (SSRF). May use {@code settings} and {@code errors}.
 */
package io.loramanager.outbound;
