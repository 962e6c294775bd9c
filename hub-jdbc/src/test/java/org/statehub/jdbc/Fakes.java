package org.statehub.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;

/** JDBC objects for tests without a database: an interface whose every call {@code answers} answers. */
final class Fakes {

    private Fakes() {}

    static <T> T of(Class<T> type, InvocationHandler answers) {
        return type.cast(Proxy.newProxyInstance(Fakes.class.getClassLoader(), new Class<?>[] {type}, answers));
    }
}
