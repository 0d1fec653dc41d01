/**
 * Model downloads: the transfer engine (resumable, verified streaming of one file), the persistent
 * queue and history, and the download manager that drives them. May use {@code library}, {@code
 * civitai}, {@code outbound}, {@code storage}, {@code events} and {@code settings}.
 */
package io.loramanager.download;
