package dev.vigil.cli;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Where the API is and which token to send, from (first wins) the flags, the environment ({@code
 * VIGIL_SERVER}, {@code VIGIL_TOKEN}) and the config file: {@code --config FILE}, else {@code
 * VIGIL_CONFIG}, else {@code $XDG_CONFIG_HOME/vigil/config}, else {@code ~/.config/vigil/config}.
 * The file holds {@code key = value} lines ({@code #} comments):
 *
 * <pre>
 * server = https://vigil.example.com
 * token = s3cret
 * </pre>
 *
 * @param server the API's base URL, e.g. {@code http://127.0.0.1:8080}
 * @param token the bearer token, or null to send none
 * @param tokenSource where the token came from (for error messages): {@code VIGIL_TOKEN}, the file,
 *     or a hint where to put one
 */
public record CliConfig(URI server, String token, String tokenSource) {
  public static final String DEFAULT_SERVER = "http://127.0.0.1:8080";

  /** Reads the configuration; a bad server URL or an unreadable explicit file is a usage error. */
  public static CliConfig resolve(String serverFlag, Path configFlag, Map<String, String> env) {
    Path file = configFile(configFlag, env);
    Properties props = new Properties();
    if (file != null && Files.isRegularFile(file)) {
      try (Reader r = Files.newBufferedReader(file)) {
        props.load(r);
      } catch (IOException e) {
        throw new CliException(ExitCodes.USAGE, "cannot read config file " + file + ": " + e);
      }
    } else if (configFlag != null) {
      throw new CliException(ExitCodes.USAGE, "config file " + configFlag + " does not exist");
    }
    String server =
        firstNonBlank(
            serverFlag, env.get("VIGIL_SERVER"), props.getProperty("server"), DEFAULT_SERVER);
    String token;
    String source;
    if (!blank(env.get("VIGIL_TOKEN"))) {
      token = env.get("VIGIL_TOKEN").trim();
      source = "VIGIL_TOKEN";
    } else if (!blank(props.getProperty("token"))) {
      token = props.getProperty("token").trim();
      source = "token in " + file;
    } else {
      token = null;
      source =
          "set VIGIL_TOKEN or token = ... in " + (file == null ? "~/.config/vigil/config" : file);
    }
    return new CliConfig(serverUri(server.trim()), token, source);
  }

  static Path configFile(Path flag, Map<String, String> env) {
    if (flag != null) {
      return flag;
    }
    if (!blank(env.get("VIGIL_CONFIG"))) {
      return Path.of(env.get("VIGIL_CONFIG"));
    }
    if (!blank(env.get("XDG_CONFIG_HOME"))) {
      return Path.of(env.get("XDG_CONFIG_HOME"), "vigil", "config");
    }
    String home = firstNonBlank(env.get("HOME"), System.getProperty("user.home"));
    return home == null ? null : Path.of(home, ".config", "vigil", "config");
  }

  private static URI serverUri(String server) {
    String s = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
    try {
      URI uri = URI.create(s);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
          || uri.getHost() == null) {
        throw new IllegalArgumentException("not an http(s) URL");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new CliException(
          ExitCodes.USAGE,
          "--server '" + server + "' is not an http(s) URL, e.g. " + DEFAULT_SERVER);
    }
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) {
      if (!blank(v)) {
        return v;
      }
    }
    return null;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
