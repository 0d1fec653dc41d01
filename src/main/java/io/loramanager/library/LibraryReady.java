package io.loramanager.library;

/** CDI event: start-up has loaded and reconciled the catalogue of every type. */
public record LibraryReady() {}
