package io.datasynth.api;

import io.datasynth.error.InputException;
import io.datasynth.sink.AtomicFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code init}: a starter config, schema and seed file; existing files are never overwritten. */
final class Scaffold {
  static final String CONFIG = "datasynth.config.json";
  static final String SCHEMA = "schema.json";
  static final String SEEDS = "seeds.json";

  private Scaffold() {}

  static List<Path> init(Path dir) {
    Map<Path, String> files = new LinkedHashMap<>();
    files.put(dir.resolve(CONFIG), """
        {
          "count": 20,
          "provider": "anthropic",
          "model": "%s",
          "batch_size": 5,
          "diversity": 0.5,
          "format": "json"
        }
        """.formatted(SynthesisConfig.DEFAULT_ANTHROPIC_MODEL));
    files.put(dir.resolve(SCHEMA), """
        {
          "project_name": "customer_support_qa",
          "description": "Questions customers ask an online bookshop, with helpful answers. 网上书店的客服问答。",
          "fields": [
            {"name": "instruction", "display_name": "问题", "type": "text",
             "description": "A customer's question", "constraints": {"min_length": 5, "max_length": 300}},
            {"name": "response", "display_name": "回答", "type": "text",
             "description": "A helpful, accurate answer", "constraints": {"min_length": 10, "max_length": 1000}},
            {"name": "category", "type": "text", "constraints": {"enum": ["orders", "shipping", "returns", "books"]}},
            {"name": "quality", "type": "int", "constraints": {"range": [1, 5]}}
          ],
          "scoring_rubric": [
            {"score": 5, "label": "excellent", "description": "Accurate, complete, polite and specific"},
            {"score": 3, "label": "fair", "description": "Correct but vague or incomplete"},
            {"score": 1, "label": "poor", "description": "Wrong, rude or off-topic"}
          ]
        }
        """);
    files.put(dir.resolve(SEEDS), """
        [
          {"instruction": "我的订单显示已发货，但三天了物流信息都没有更新，怎么办？",
           "response": "很抱歉让您久等了。物流信息有时会延迟 1–2 天更新。请在「我的订单」中查看快递单号，到快递公司官网查询；如果仍无更新，请回复订单号，我们会帮您联系快递公司核实。",
           "category": "shipping", "quality": 5},
          {"instruction": "Can I return a book if I have already started reading it?",
           "response": "Yes, within 30 days of delivery, as long as the book is in resalable condition (no writing or damage). Start the return from Your Orders and we will email you a prepaid label.",
           "category": "returns", "quality": 5},
          {"instruction": "有没有适合十岁孩子读的科普书推荐？",
           "response": "推荐《可怕的科学》系列和《DK 儿童百科全书》：图文并茂、语言生动，适合十岁左右的孩子。您可以在「少儿 > 科普」分类中找到更多选择。",
           "category": "books", "quality": 4}
        ]
        """);
    List<Path> existing = files.keySet().stream().filter(Files::exists).toList();
    if (!existing.isEmpty()) {
      throw InputException.of(existing.get(0), io.datasynth.text.Message.of("scaffold.exists"),
          io.datasynth.text.Message.of("scaffold.exists.fix", io.datasynth.error.Setting.OUTPUT, existing.toString()));
    }
    files.forEach(AtomicFiles::writeString);
    return List.copyOf(files.keySet());
  }
}
