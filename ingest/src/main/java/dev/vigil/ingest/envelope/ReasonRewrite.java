package dev.vigil.ingest.envelope;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.core.annotation.Nullable;
import java.util.regex.Pattern;

/**
 * A field-extraction rule ({@code vigil.ingest.rules.reason-rewrites[*]}): a signal whose reason
 * (and optionally message and source) match gets another reason. The kubelet reports a crash loop
 * as reason {@code BackOff} with message "Back-off restarting failed container"; a rewrite names it
 * {@code CrashLoopBackOff} so policies and the critical rule see it.
 */
@EachProperty(value = "vigil.ingest.rules.reason-rewrites", list = true)
public final class ReasonRewrite {
  private String source;
  private String reason;
  private Pattern messagePattern;
  private String to;

  public ReasonRewrite() {}

  public ReasonRewrite(String source, String reason, String messagePattern, String to) {
    this.source = source;
    this.reason = reason;
    setMessagePattern(messagePattern);
    this.to = to;
  }

  /** Whether this rule renames the draft's reason. */
  public boolean appliesTo(SignalDraft draft) {
    if (to == null || reason == null || !reason.equals(draft.reason())) {
      return false;
    }
    if (source != null && !source.equals(draft.source())) {
      return false;
    }
    return messagePattern == null
        || (draft.message() != null && messagePattern.matcher(draft.message()).find());
  }

  @Nullable
  public String getSource() {
    return source;
  }

  /** Only signals from this source ({@code eventrouter}, ...); any when unset. */
  public void setSource(@Nullable String source) {
    this.source = source;
  }

  public String getReason() {
    return reason;
  }

  /** The reason to rewrite. */
  public void setReason(String reason) {
    this.reason = reason;
  }

  @Nullable
  public String getMessagePattern() {
    return messagePattern == null ? null : messagePattern.pattern();
  }

  /** A regular expression the message must contain a match of; any message when unset. */
  public void setMessagePattern(@Nullable String messagePattern) {
    this.messagePattern =
        messagePattern == null || messagePattern.isBlank() ? null : Pattern.compile(messagePattern);
  }

  public String getTo() {
    return to;
  }

  /** The new reason. */
  public void setTo(String to) {
    this.to = to;
  }
}
