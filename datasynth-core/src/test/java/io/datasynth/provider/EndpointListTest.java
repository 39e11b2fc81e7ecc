package io.datasynth.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datasynth.error.ConfigException;
import io.datasynth.error.InputException;
import io.datasynth.error.Setting;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EndpointListTest {
  static final Path FILE = Path.of("fleet", "端点.txt");

  @Nested
  class AWellFormedFile {
    @Test
    void givesEachLineItsUrlWeightAndKeyVariableSkippingCommentsAndBlankLines() {
      EndpointList list = EndpointList.parse(FILE, """
          # replicas of one model
          http://10.0.0.7:8000/v1   2

          http://10.0.0.8:8000/v1\t1\tREPLICA_B_KEY
          https://gpu-3.internal/v1 GPU3_KEY\r
          """);
      assertThat(list.endpoints()).containsExactly(
          new Endpoint("http://10.0.0.7:8000/v1", 2, null),
          new Endpoint("http://10.0.0.8:8000/v1", 1, "REPLICA_B_KEY"),
          new Endpoint("https://gpu-3.internal/v1", 1, "GPU3_KEY"));
    }

    @Test
    void repeatedBaseUrlsBecomeEndpointsOfWeightOne() {
      assertThat(EndpointList.ofUrls(List.of("http://a:1/v1", "http://b:1/v1")).endpoints())
          .extracting(Endpoint::weight).containsExactly(1, 1);
    }
  }

  @Nested
  class ABadFile {
    @Test
    void namesTheFileLineAndColumnOfAWeightThatIsNoNumber() {
      assertThatThrownBy(() -> EndpointList.parse(FILE, "http://a:1/v1\nhttp://b:1/v1 heavy KEY\n"))
          .isInstanceOf(InputException.class)
          .hasMessageContaining(FILE + ":2:15")
          .hasMessageContaining("weight 'heavy'");
    }

    @Test
    void refusesALineThatIsNoUrl() {
      assertThatThrownBy(() -> EndpointList.parse(FILE, "10.0.0.7:8000\n"))
          .isInstanceOf(InputException.class).hasMessageContaining(":1:1").hasMessageContaining("http://");
    }

    @Test
    void refusesAKeyInPlaceOfAVariableName() {
      assertThatThrownBy(() -> EndpointList.parse(FILE, "http://a:1/v1 1 sk-ant-abc\n"))
          .isInstanceOf(InputException.class).hasMessageContaining("not an environment variable's name");
    }

    @Test
    void refusesTheSameEndpointTwice() {
      assertThatThrownBy(() -> EndpointList.parse(FILE, "http://a:1/v1\nhttp://a:1/v1/\n"))
          .isInstanceOf(InputException.class).hasMessageContaining(":2:").hasMessageContaining("line 1");
      assertThatThrownBy(() -> EndpointList.ofUrls(List.of("http://a:1", "http://a:1")))
          .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.setting()).isEqualTo(Setting.BASE_URL))
          .hasMessageContaining("twice");
    }

    @Test
    void refusesAWeightOfZeroAndAFileWithoutEndpoints() {
      assertThatThrownBy(() -> EndpointList.parse(FILE, "http://a:1/v1 0\n"))
          .isInstanceOf(InputException.class).hasMessageContaining("at least 1");
      assertThatThrownBy(() -> EndpointList.parse(FILE, "# nothing\n\n"))
          .isInstanceOf(InputException.class).hasMessageContaining("no endpoint");
    }
  }
}
