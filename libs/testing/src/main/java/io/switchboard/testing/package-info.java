/**
 * Hand-written doubles of the API's services for the bundles' unit tests: each records what the
 * code under test did to it, in public fields the tests read directly. Test scope only.
 */
package io.switchboard.testing;
