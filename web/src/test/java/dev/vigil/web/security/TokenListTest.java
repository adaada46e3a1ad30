package dev.vigil.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenListTest {
  static final String SHA = HashedTokenValidator.sha256Hex("t");

  @Test
  void entriesSplitOnSemicolonsOrWhitespace_scopesKeepTheirColons() {
    var tokens =
        HashedTokenValidator.parseTokenList(
            "grafana:"
                + SHA
                + ":state:read;\n ops-bot:"
                + SHA.toUpperCase()
                + ":state:read,mitigation:write");
    assertThat(tokens).hasSize(2);
    assertThat(tokens.get(0).subject()).isEqualTo("grafana");
    assertThat(tokens.get(0).scopes()).containsExactly("state:read");
    assertThat(tokens.get(1).sha256()).isEqualTo(SHA);
    assertThat(tokens.get(1).scopes()).containsExactly("state:read", "mitigation:write");
    assertThat(HashedTokenValidator.parseTokenList("  ")).isEmpty();
  }

  @Test
  void aRawTokenInsteadOfItsHash_isRefused_withoutEchoingIt() {
    assertThatThrownBy(
            () -> HashedTokenValidator.parseTokenList("grafana:my-secret-token:state:read"))
        .isInstanceOf(IllegalArgumentException.class)
        .message()
        .doesNotContain("my-secret-token");
  }
}
