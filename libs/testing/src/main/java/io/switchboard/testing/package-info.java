/**
 * Hand-written doubles of the API's services for the bundles' unit tests: each records what the
 * code under test did to it, in public fields the tests read directly; and real databases for the
 * stores' tests ({@link io.switchboard.testing.TestDatabases}). Test scope only.
 */
package io.switchboard.testing;
