package io.datasynth.sink.parquet;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Page compression without Hadoop: parquet-hadoop's own codec factory loads Hadoop's codec classes, so this one
 * calls the codec libraries directly. Writes Snappy (or none); reads none, Snappy, gzip and zstd, the codecs of
 * pyarrow, Spark, DuckDB and polars by default.
 */
final class Codecs implements CompressionCodecFactory {
  @Override
  public BytesInputCompressor getCompressor(CompressionCodecName codec) {
    if (codec != CompressionCodecName.SNAPPY && codec != CompressionCodecName.UNCOMPRESSED) {
      throw new IllegalArgumentException("DataSynth writes Parquet with Snappy or no compression, not " + codec);
    }
    return new BytesInputCompressor() {
      @Override
      public BytesInput compress(BytesInput bytes) throws IOException {
        return codec == CompressionCodecName.SNAPPY ? BytesInput.from(Snappy.compress(bytes.toByteArray())) : bytes;
      }

      @Override
      public CompressionCodecName getCodecName() {
        return codec;
      }

      @Override
      public void release() {
        // holds nothing
      }
    };
  }

  @Override
  public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
    return new BytesInputDecompressor() {
      @Override
      public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
        return BytesInput.from(decode(codec, bytes.toByteArray(), uncompressedSize));
      }

      @Override
      public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
          throws IOException {
        byte[] in = new byte[compressedSize];
        input.get(in);
        output.put(decode(codec, in, uncompressedSize));
      }

      @Override
      public void release() {
        // holds nothing
      }
    };
  }

  @Override
  public void release() {
    // holds nothing
  }

  private static byte[] decode(CompressionCodecName codec, byte[] in, int size) throws IOException {
    switch (codec) {
      case UNCOMPRESSED:
        return in;
      case SNAPPY: {
        byte[] out = new byte[size];
        Snappy.uncompress(in, 0, in.length, out, 0);
        return out;
      }
      case GZIP:
        try (GZIPInputStream gz = new GZIPInputStream(new ByteArrayInputStream(in))) {
          ByteArrayOutputStream out = new ByteArrayOutputStream(size);
          gz.transferTo(out);
          return out.toByteArray();
        }
      case ZSTD:
        return Zstd.decompress(in, size);
      default:
        throw new IOException("pages compressed with " + codec + ", which DataSynth cannot read; re-write the file "
            + "with snappy, gzip, zstd or no compression");
    }
  }
}
