package dev.vigil.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.security.authentication.Authentication;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Org and cluster claims from a hashed token's scopes and from a JWT's claims. */
class TenantClaimsTest {

  @Test
  void hashedToken_namesOrgsAndClustersAmongItsScopes() {
    TenantClaims claims =
        TenantClaims.of(
            Authentication.build(
                "acme", List.of("state:read", "org:acme", "org:acme-labs", "cluster:eu-1")));
    assertThat(claims.orgs()).containsExactlyInAnyOrder("acme", "acme-labs");
    assertThat(claims.clusters()).containsExactly("eu-1");
    assertThat(claims.allOrgs()).isFalse();
  }

  @Test
  void jwt_orgsAndClustersClaims_asArraysOrStrings() {
    TenantClaims claims =
        TenantClaims.of(
            Authentication.build(
                "bot",
                List.of("state:read"),
                Map.of("orgs", List.of("beta"), "clusters", "lab lab-2")));
    assertThat(claims.orgs()).containsExactly("beta");
    assertThat(claims.clusters()).containsExactlyInAnyOrder("lab", "lab-2");
  }

  @Test
  void noClaims_isEmpty_andTheDevTokenSeesEveryOrg() {
    assertThat(TenantClaims.of(Authentication.build("grafana", List.of("state:read"))).orgs())
        .isEmpty();
    assertThat(TenantClaims.of(Authentication.build("dev", HashedTokenValidator.DEV_ROLES)))
        .extracting(TenantClaims::allOrgs)
        .isEqualTo(true);
  }
}
