/** Client-facing failures shared by every capability; depends on nothing else in the project. */
package io.loramanager.errors;
