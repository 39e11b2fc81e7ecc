package io.datasynth.cli;

import static io.datasynth.cli.TestFiles.example;
import static io.datasynth.cli.TestFiles.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasynth.json.JsonFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parse}, interactive mode step 2: a pasted reply, as chat models write them, turned into records. */
class ParseCommandTest {
  @TempDir Path dir;

  /** A chatty reply: prose, a fenced array with one invalid and one duplicate record, then a second cut-off list. */
  static final String MESSY_REPLY = """
      当然可以！下面是为您生成的数据：

      ```json
      [
        {"instruction": "如何在 Excel 里冻结首行？", "response": "点击「视图」→「冻结窗格」→「冻结首行」即可，滚动时第一行会一直显示。",
         "category": "生活建议", "quality": 4},
        {"instruction": "推荐一本入门天文学的书", "response": "可以读《天文学新概论》，内容系统、插图丰富，适合零基础读者循序渐进地学习。",
         "category": "知识问答", "quality": 5},
        {"instruction": "写一句生日祝福", "response": "太短了", "category": "写作", "quality": 3},
        {"instruction": "如何在 Excel 里冻结首行？", "response": "点击「视图」→「冻结窗格」→「冻结首行」即可，滚动时第一行会一直显示。",
         "category": "生活建议", "quality": 4}
      ]
      ```

      希望对您有帮助！还有一条：
      ```json
      [{"instruction": "解释什么是复利", "response": "复利是指利息也会产生利息：每期的利息加入本金，下一期按新的本金计息，时间越长增长越快。",
        "category": "知识问答", "quality": 5},
       {"instruction": "被截断的一条", "response": "这条回复在中途被截
      """;

  Cli.Result parse(Path reply, Path out, String... extra) {
    Path zh = dir.resolve("instruction_zh");
    String[] args = {"parse", reply.toString(), "--schema", zh.resolve("schema.json").toString(),
        "--seeds", zh.resolve("seeds.json").toString(), "-o", out.toString()};
    return Cli.in(dir).run(args, extra);
  }

  @Nested
  class AMessyReply {
    @Test
    void keepsTheValidUniqueRecordsAndCountsWhatItDropped() {
      example("instruction_zh", dir);
      Path reply = TestFiles.write(dir.resolve("reply.md"), MESSY_REPLY);
      Path out = dir.resolve("synthetic.json");
      Cli.Result r = parse(reply, out, "--stats");

      assertThat(r.code()).as(r.describe()).isZero();
      assertThat(r.out()).contains("✓ Added 3 records to " + out + " (3 in the file)")
          .contains("found in reply: 6").contains("invalid 1").contains("duplicate 1").contains("truncated 1");
      JsonNode root = JsonFiles.readJson(out);
      assertThat(root.get("samples")).hasSize(3);
      assertThat(root.get("samples").get(0).get("id").asText()).isEqualTo("SYNTH_0001");
      assertThat(root.get("samples").get(2).get("data").get("instruction").asText()).isEqualTo("解释什么是复利");
      assertThat(dir.resolve("synthetic.stats.json")).exists();
    }

    @Test
    void aSecondParseAppendsAndSkipsWhatIsAlreadyThere() {
      example("instruction_zh", dir);
      Path out = dir.resolve("synthetic.json");
      assertThat(parse(TestFiles.write(dir.resolve("reply1.md"), MESSY_REPLY), out).code()).isZero();
      Path reply2 = TestFiles.write(dir.resolve("reply2.md"), """
          ```json
          [{"instruction": "解释什么是复利", "response": "复利是指利息也会产生利息：每期的利息加入本金，下一期按新的本金计息，时间越长增长越快。",
            "category": "知识问答", "quality": 5},
           {"instruction": "怎样快速入睡？", "response": "睡前一小时放下手机，保持卧室黑暗安静，做几次缓慢的深呼吸，让身体放松下来。",
            "category": "生活建议", "quality": 4}]
          ```""");
      Cli.Result r = parse(reply2, out);

      assertThat(r.code()).as(r.describe()).isZero();
      assertThat(r.out()).contains("✓ Added 1 record to " + out + " (4 in the file)").contains("duplicate 1");
      assertThat(JsonFiles.readJson(out).get("samples")).hasSize(4);
    }

    @Test
    void aReplyWithNothingNewExitsOneAndLeavesTheFileAlone() {
      example("instruction_zh", dir);
      Path out = dir.resolve("synthetic.json");
      assertThat(parse(TestFiles.write(dir.resolve("reply1.md"), MESSY_REPLY), out).code()).isZero();
      String before = read(out);
      Cli.Result r = parse(dir.resolve("reply1.md"), out);

      assertThat(r.code()).as(r.describe()).isEqualTo(1);
      assertThat(r.out()).contains("✗ No new records").doesNotContain("✓");
      assertThat(read(out)).isEqualTo(before);
    }

    @Test
    void aReplyWithoutJsonExitsOneAndWritesNothing() {
      example("instruction_zh", dir);
      Path out = dir.resolve("synthetic.json");
      Cli.Result r = parse(TestFiles.write(dir.resolve("reply.md"), "抱歉，我无法完成这个请求。"), out);

      assertThat(r.code()).as(r.describe()).isEqualTo(1);
      assertThat(r.out()).contains("the reply holds no JSON records");
      assertThat(out).doesNotExist();
    }
  }

  @Nested
  class WithASchemaOnly {
    static final String REPLY = "```json\n[{\"name\": \"teal\", \"hex\": \"#008080\"}, "
        + "{\"name\": \"coral\", \"hex\": \"#ff7f50\"}]\n```\n";

    @Test
    void aCombinedFileAsSchemaAlsoGivesTheSeedsToDeduplicateAgainst() {
      Path combined = TestFiles.write(dir.resolve("combined.json"), """
          {"schema": {"fields": [{"name": "name", "type": "text"}, {"name": "hex", "type": "text"}]},
           "samples": [{"id": "c1", "data": {"name": "teal", "hex": "#008080"}}]}""");
      Path reply = TestFiles.write(dir.resolve("reply.md"), REPLY);
      Cli.Result r = Cli.in(dir).run("parse", reply, "--schema", combined, "-o", dir.resolve("out.json"));

      assertThat(r.code()).as(r.describe()).isZero();
      assertThat(r.out()).contains("✓ Added 1 record").contains("duplicate 1").contains("duplicate of seed c1");
    }

    @Test
    void aDataRecipeFolderAsSchemaAlsoGivesItsSamplesAndItsOutput() {
      Path recipe = example("recipe_demo", dir);
      Path reply = TestFiles.write(dir.resolve("reply.md"), """
          ```json
          [{"question": "我昨天下的单，什么时候能发货？", "answer": "您好，感谢您的耐心等待！您的订单预计在 24 小时内发货，发货后您会收到短信通知，也可以在「我的订单」中查看物流进度。", "intent": "查询物流", "score": 1},
           {"question": "发票怎么开？", "answer": "在订单详情页点击「申请发票」，填写抬头和税号后提交即可。", "intent": "账户问题", "score": 1}]
          ```""");
      Cli.Result r = Cli.in(dir).run("parse", reply, "--schema", recipe);

      assertThat(r.code()).as(r.describe()).isZero();
      assertThat(r.out()).contains("✓ Added 1 record").contains("duplicate 1");
      assertThat(recipe.resolve("11_合成数据/synthetic.json")).exists();
    }

    @Test
    void aPlainSchemaFileNeedsNoSeedsAndWritesSyntheticJsonInTheWorkingFolder() {
      Path schema = TestFiles.write(dir.resolve("schema.json"), """
          {"fields": [{"name": "name", "type": "text"}, {"name": "hex", "type": "text"}]}""");
      Path reply = TestFiles.write(dir.resolve("reply.md"), REPLY);
      Cli.Result r = Cli.in(dir).run("parse", reply, "--schema", schema);

      assertThat(r.code()).as(r.describe()).isZero();
      assertThat(r.out()).contains("✓ Added 2 records to " + dir.resolve("synthetic.json"));
    }
  }

  @Nested
  class FromStandardInput {
    @Test
    void readsTheReplyFromStdinWithADash() {
      Path pref = example("preference", dir);
      Path out = dir.resolve("pairs.jsonl");
      Cli.Result r = Cli.in(dir).stdin("""
          Here you go:
          {"prompt": "How do I boil an egg?", "chosen": "Put it in boiling water for 7 minutes, then cool it in cold water.", "rejected": "Microwave it in its shell.", "reason": "The rejected answer is dangerous.", "margin": 0.9}
          {"prompt": "What is 2 + 2?", "chosen": "2 + 2 is 4, because adding two and two more makes four.", "rejected": "It is 5, roughly.", "reason": "Only one is correct.", "margin": 1}
          """).run("parse", "-", "--schema", pref.resolve("schema.json").toString(),
          "--seeds", pref.resolve("seeds.jsonl").toString(), "-o", out.toString());

      assertThat(r.code()).as(r.describe()).isZero();
      assertThat(r.out()).contains("✓ Added 2 records");
      assertThat(read(out).lines()).hasSize(2).allSatisfy(l -> assertThat(l).startsWith("{\"prompt\""));
    }
  }

  @Nested
  class IntoADataRecipeFolder {
    @Test
    void writesTheFoldersSyntheticJsonByDefault() {
      Path recipe = example("recipe_demo", dir);
      Path reply = TestFiles.write(dir.resolve("reply.md"), """
          ```json
          [{"question": "发票怎么开？", "answer": "您好，在订单详情页点击「申请发票」，填写抬头和税号后提交，电子发票会在 24 小时内发到您的邮箱。", "intent": "账户问题", "score": 1}]
          ```""");
      Cli.Result r = Cli.in(dir).run("parse", reply.toString(), recipe.toString());

      assertThat(r.code()).as(r.describe()).isZero();
      assertThat(JsonFiles.readJson(recipe.resolve("11_合成数据/synthetic.json")).get("samples")).hasSize(1);
    }
  }
}
