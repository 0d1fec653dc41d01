package io.loramanager.library.query;

/**
 * A row of a list result, with what grouping adds.
 *
 * @param versionCount how many local versions the row stands for, when grouped; else null
 */
public record ListedModel(QueryRow row, Integer versionCount) {}
