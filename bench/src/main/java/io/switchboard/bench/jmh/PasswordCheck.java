package io.switchboard.bench.jmh;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.switchboard.credentials.SaltedCredential;

/**
 * A password checked against its stored salted credential (PBKDF2, 4,096 iterations): what every
 * SASL PLAIN login costs the server, and what a SCRAM login costs the client instead.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PasswordCheck {

    @Param({"SHA_256", "SHA_1"})
    public SaltedCredential.Algorithm algorithm;

    private SaltedCredential credential;

    @Setup
    public void setUp() {
        credential = SaltedCredential.create(algorithm, "bench", SaltedCredential.DEFAULT_ITERATIONS);
    }

    @Benchmark
    public boolean verify() {
        return credential.verify("bench");
    }
}
