package org.statehub.conflict.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NicknamesTest {

    @Test
    void theShippedTableHasSeveralHundredEnglishAndSpanishNames() {
        Nicknames table = Nicknames.standard();
        assertThat(table.size()).isGreaterThan(500);
        assertThat(table.same("BILL", "WILLIAM")).isTrue();
        assertThat(table.same("PACO", "FRANCISCO")).isTrue();
        assertThat(table.same("CHUY", "JESUS")).isTrue();
        assertThat(table.nicknamesOf("GUADALUPE")).contains("LUPE", "LUPITA");
    }

    @Test
    void twoNicknamesOfOneGivenNameAreTheSameNameButTwoGivenNamesSharingANicknameAreNot() {
        Nicknames table = Nicknames.standard();
        assertThat(table.same("BILL", "WILL")).isTrue();
        // ALEX is a nickname of both, which does not make Alexander and Alexandra one name
        assertThat(table.same("ALEXANDER", "ALEXANDRA")).isFalse();
        assertThat(table.same("JOHN", "MARY")).isFalse();
    }

    @Test
    void aMalformedLineIsRefusedWithItsNumber() {
        String csv = "# comment\ngiven_name,nickname\nWilliam,Bill\nRobert Bob\n";
        assertThatThrownBy(() -> Nicknames.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("line 4");
    }
}
