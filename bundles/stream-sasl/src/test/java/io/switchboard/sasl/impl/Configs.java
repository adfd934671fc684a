package io.switchboard.sasl.impl;

import java.lang.annotation.Annotation;

/** Configurations as Configuration Admin would hand them to the components. */
final class Configs {

    private Configs() {
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
