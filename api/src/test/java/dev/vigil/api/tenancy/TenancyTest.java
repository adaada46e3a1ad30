package dev.vigil.api.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.web.security.SecurityConfig;
import dev.vigil.web.security.TenantClaims;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The org mapping as SQL, what claims let a caller see, and the mapping's validation. */
class TenancyTest {
  static final SecurityConfig SECURE = new SecurityConfig(true, false, null, null);

  static Tenancy tenancy(String clusterOrgs) {
    return new Tenancy(new TenancyConfig("vigil.dev/org", clusterOrgs, "default"), SECURE);
  }

  @Test
  void orgSql_labelFirst_thenCluster_thenDefault() {
    assertThat(tenancy("eu-1=acme lab=beta").orgSql("r."))
        .isEqualTo(
            "coalesce(nullif(r.labels ->> 'vigil.dev/org', ''), case r.cluster when 'eu-1' then"
                + " 'acme' when 'lab' then 'beta' end, 'default')");
    assertThat(tenancy("").orgSql(""))
        .isEqualTo("coalesce(nullif(labels ->> 'vigil.dev/org', ''), 'default')");
  }

  @Test
  void visibility_ofClaims() {
    Tenancy t = tenancy("eu-1=acme");
    assertThat(t.visibility(TenantClaims.EVERYTHING)).isEqualTo(Visibility.ALL);
    assertThat(t.visibility(new TenantClaims(Set.of(), Set.of())).orgs())
        .containsExactly("default");
    Visibility acmeEu = t.visibility(new TenantClaims(Set.of("acme"), Set.of("eu-1")));
    assertThat(acmeEu.sees("acme", "eu-1")).isTrue();
    assertThat(acmeEu.sees("acme", "us-1")).isFalse();
    assertThat(acmeEu.sees("beta", "eu-1")).isFalse();
    Visibility anyOrgInLab = t.visibility(new TenantClaims(Set.of("*"), Set.of("lab")));
    assertThat(anyOrgInLab.orgs()).isNull();
    assertThat(anyOrgInLab.sees("beta", "lab")).isTrue();
    assertThat(anyOrgInLab.sees("beta", "eu-1")).isFalse();
  }

  @Test
  void visibleSql_bindsOrgsAndClusters_asParameters() {
    List<Object> params = new ArrayList<>();
    String sql =
        tenancy("eu-1=acme")
            .visibleSql(new Visibility(Set.of("beta", "acme"), Set.of("eu-1")), "", params);
    assertThat(sql).endsWith(" in (?, ?) and cluster in (?))");
    assertThat(params).containsExactly("acme", "beta", "eu-1");
    assertThat(tenancy("").visibleSql(Visibility.ALL, "r.", params)).isEqualTo("true");
    assertThat(tenancy("").visibleSql(new Visibility(Set.of(), Set.of()), "", new ArrayList<>()))
        .isEqualTo("(false)");
  }

  @Test
  void aMappingThatIsNotNames_isRefusedAtStartup() {
    assertThatThrownBy(() -> tenancy("eu-1")).hasMessageContaining("'eu-1' is not <cluster>=<org>");
    assertThatThrownBy(() -> tenancy("eu-1=ac'me"))
        .hasMessageContaining("vigil.tenancy.cluster-orgs (org): 'ac'me' is not a name");
  }
}
