package org.statehub.console;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The person signed in, as the pages show them: their name, their user name at the identity provider, the console
 * roles their token carries (in the order of {@link Role}), and the LEA an LEA data manager works for.
 */
public record Person(String name, String username, List<Role> roles, Optional<String> lea) {

    /** The console's roles, named as the identity provider's realm names them (decision 0024). */
    public enum Role {
        STATE_ADMIN("state-admin", "State administrator"),
        LEA_DATA_MANAGER("lea-data-manager", "LEA data manager"),
        READER("reader", "Reader");

        private final String claim;
        private final String title;

        Role(String claim, String title) {
            this.claim = claim;
            this.title = title;
        }

        /** The role's name in the token. */
        public String claim() {
            return claim;
        }

        /** How a page names the role. */
        public String title() {
            return title;
        }
    }

    /** The console roles among {@code claimed}, the token's roles; another role is not the console's. */
    public static List<Role> rolesOf(Set<String> claimed) {
        return java.util.Arrays.stream(Role.values())
                .filter(role -> claimed.contains(role.claim()))
                .toList();
    }
}
