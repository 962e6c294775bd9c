package org.statehub.edfi.contract.security;

import java.util.Optional;

/** Lookup of an enum constant spelt as Ed-Fi spells it ({@link Action}, {@link Strategy}), by a name in any letter case. */
final class EdFiNames {

    private EdFiNames() {}

    static <E extends Enum<E>> Optional<E> find(E[] constants, String name) {
        for (E constant : constants) {
            if (constant.name().equalsIgnoreCase(name)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }
}
