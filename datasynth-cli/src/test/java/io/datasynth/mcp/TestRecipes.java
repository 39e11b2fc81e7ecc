package io.datasynth.mcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** The bundled DataRecipe example, copied into a test's folder, and replies that fit or break its schema. */
final class TestRecipes {
  /** Two new valid records, one invalid (intent not in the enum), one copy of a seed, one repeat. */
  static final String MIXED_REPLY = """
      Here are the records:
      ```json
      [
        {"question": "订单显示已发货三天了还没到，怎么办？", "answer": "您好，请在订单页查看物流单号，我们已为您催促快递，预计明天送达。", "intent": "查询物流", "score": 1},
        {"question": "买的耳机左耳没有声音，可以退吗？", "answer": "可以的，签收 7 天内支持无理由退货，请在订单页申请售后并寄回商品。", "intent": "退换货", "score": 1},
        {"question": "你们几点下班？", "answer": "晚上十点。", "intent": "闲聊", "score": 0},
        {"question": "我昨天下的单，什么时候能发货？", "answer": "您好，感谢您的耐心等待！您的订单预计在 24 小时内发货，发货后您会收到短信通知，也可以在「我的订单」中查看物流进度。", "intent": "查询物流", "score": 1},
        {"question": "买的耳机左耳没有声音，可以退吗？", "answer": "可以的，签收 7 天内支持无理由退货，请在订单页申请售后并寄回商品。", "intent": "退换货", "score": 1}
      ]
      ```
      """;

  /** One more valid record, different from those above. */
  static final String SECOND_REPLY = """
      [{"question": "优惠券为什么用不了？", "answer": "请确认订单金额满足使用门槛且优惠券在有效期内，如仍无法使用请截图联系我们。", "intent": "账户问题", "score": 0.5}]
      """;

  private TestRecipes() {}

  /** The repository's examples/recipe_demo, found from the module or the repository folder. */
  static Path demo() {
    for (Path p : new Path[] {Path.of("..", "examples", "recipe_demo"), Path.of("examples", "recipe_demo")}) {
      if (Files.isDirectory(p)) {
        return p.toAbsolutePath().normalize();
      }
    }
    throw new IllegalStateException("examples/recipe_demo not found from " + Path.of("").toAbsolutePath());
  }

  /** Copies the demo recipe to {@code target} (created). */
  static Path copyDemo(Path target) {
    Path source = demo();
    try (Stream<Path> files = Files.walk(source)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path t = target.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }
}
