package io.datasynth.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datasynth.cli.CliText;
import io.datasynth.error.ConfigException;
import io.datasynth.error.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetTest {
  @TempDir Path dir;

  @Nested
  class Assigning {
    @Test
    void interleavesPartitionsOverEqualEndpoints() {
      Fleet f = Fleet.assign(List.of(Endpoint.of("http://a:1/v1"), Endpoint.of("http://b:1/v1")), 4);

      assertThat(f.assignment()).containsExactly(0, 1, 0, 1);
      assertThat(f.partitionsOf(0)).isEqualTo(2);
      assertThat(f.endpointOf(3).baseUrl()).isEqualTo("http://b:1/v1");
    }

    @Test
    void givesAnEndpointPartitionsInProportionToItsWeight() {
      Fleet f = Fleet.assign(List.of(new Endpoint("http://a:1/v1", 3, null), Endpoint.of("http://b:1/v1")), 8);

      assertThat(f.partitionsOf(0)).isEqualTo(6);
      assertThat(f.partitionsOf(1)).isEqualTo(2);
    }

    @Test
    void refusesFewerPartitionsThanEndpointsNamingTheOption() {
      assertThatThrownBy(() -> Fleet.assign(List.of(Endpoint.of("http://a:1"), Endpoint.of("http://b:1"),
          Endpoint.of("http://c:1")), 2))
          .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(CliText.english().message(e))
              .contains("--partitions 3"));
    }
  }

  @Nested
  class ReadingAFile {
    @Test
    void readsUrlsWeightsAndKeyVariablesSkippingCommentsAndBlankLines() throws IOException {
      Path file = Files.writeString(dir.resolve("端点.txt"),
          "# 两台服务器\n\nhttp://10.0.0.5:8000/v1 2 VLLM_KEY\r\nhttps://gpu-2.internal/v1\n");

      assertThat(Fleet.read(file)).containsExactly(new Endpoint("http://10.0.0.5:8000/v1", 2, "VLLM_KEY"),
          new Endpoint("https://gpu-2.internal/v1", 1, null));
    }

    @Test
    void namesTheFileAndLineOfSomethingThatIsNotAUrl() throws IOException {
      Path file = Files.writeString(dir.resolve("fleet.txt"), "http://a:1/v1\n10.0.0.5:8000\n");

      assertThatThrownBy(() -> Fleet.read(file)).isInstanceOf(InputException.class)
          .hasMessageContaining("fleet.txt").hasMessageContaining("2").hasMessageContaining("10.0.0.5:8000");
    }

    @Test
    void refusesAWeightOfZeroAndAFileWithNoEndpoint() throws IOException {
      Path zero = Files.writeString(dir.resolve("zero.txt"), "http://a:1/v1 0\n");
      Path empty = Files.writeString(dir.resolve("empty.txt"), "# nothing yet\n");

      assertThatThrownBy(() -> Fleet.read(zero)).isInstanceOf(InputException.class).hasMessageContaining("weight");
      assertThatThrownBy(() -> Fleet.read(empty)).isInstanceOf(InputException.class)
          .hasMessageContaining("no endpoint");
    }
  }
}
