package org.statehub.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenClaimsTest {

    @Test
    void readsTheClaimsOfAHubToken() {
        Map<String, Object> token = new HashMap<>();
        token.put("sub", "lea-sis");
        token.put("claim_set", "SISVendor");
        token.put("namespace_prefixes", List.of("uri://lea.example.org"));
        TokenClaims claims = TokenClaims.of(token::get);
        assertThat(claims.subject()).isEqualTo("lea-sis");
        assertThat(claims.claimSet()).isEqualTo(TokenClaims.SIS_VENDOR);
        assertThat(claims.educationOrganizationIds()).isEmpty();
        assertThat(claims.scope()).isEmpty();
        assertThat(claims.inNamespaces("uri://lea.example.org/SexDescriptor")).isTrue();
        assertThat(claims.inNamespaces("uri://ed-fi.org/SexDescriptor")).isFalse();
    }

    @Test
    void dropsTheQuotesOfJsonStringClaimsAsAVerifiedTokenGivesThem() {
        // a JsonWebToken gives JSON values whose text keeps the quotes of a string
        Map<String, Object> token = Map.of(
                "sub", "\"hub-admin\"",
                "claim_set", "\"StateAdmin\"",
                "namespace_prefixes", List.of("\"uri://state.example.org\""));
        TokenClaims claims = TokenClaims.of(token::get);
        assertThat(claims.subject()).isEqualTo("hub-admin");
        assertThat(claims.claimSet()).isEqualTo("StateAdmin");
        assertThat(claims.namespacePrefixes()).containsExactly("uri://state.example.org");
    }

    @Test
    void readsOrganizationsAndScopeAsIdsWhateverTheirForm() throws Exception {
        Map<String, Object> token = Map.of(
                "claim_set", "SISVendor",
                "education_organization_ids", List.of(255901L, "\"255902\"", "not-an-id"),
                "scope", "255901 255903");
        TokenClaims claims = TokenClaims.of(token::get);
        assertThat(claims.educationOrganizationIds()).hasValue(Set.of(255901L, 255902L));
        assertThat(claims.scope()).hasValue(Set.of(255901L, 255903L));
        assertThat(TokenClaims.ids(new ObjectMapper().readTree("[1, \"2\", {\"x\": 3}]")))
                .containsExactlyInAnyOrder(1L, 2L);
        assertThat(TokenClaims.ids("1,2")).containsExactlyInAnyOrder(1L, 2L);
    }

    @Test
    void noTokenIsNoClientAndNoClaimSet() {
        assertThat(TokenClaims.of(null)).isEqualTo(TokenClaims.NONE);
        TokenClaims empty = TokenClaims.of(name -> null);
        assertThat(empty.subject()).isEmpty();
        assertThat(empty.claimSet()).isEmpty();
        assertThat(empty.educationOrganizationIds()).isEqualTo(Optional.empty());
        assertThat(empty.inNamespaces("uri://ed-fi.org")).isFalse();
    }
}
