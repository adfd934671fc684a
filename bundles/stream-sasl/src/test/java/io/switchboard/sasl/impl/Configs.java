package io.switchboard.sasl.impl;

import java.lang.annotation.Annotation;

/** Configurations as Configuration Admin would hand them to the components. */
final class Configs {

    private Configs() {
    }

    static SaslLimits limits(int maxFailures, int lockoutSeconds) {
        return new SaslLimits() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return SaslLimits.class;
            }

            @Override
            public int maxFailures() {
                return maxFailures;
            }

            @Override
            public int lockoutSeconds() {
                return lockoutSeconds;
            }
        };
    }

    static SaslConfiguration plainWithoutTls(boolean allowed) {
        return new SaslConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return SaslConfiguration.class;
            }

            @Override
            public boolean plainWithoutTls() {
                return allowed;
            }
        };
    }
}
