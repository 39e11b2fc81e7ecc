package io.datasynth.spark;

import io.datasynth.error.InputException;
import io.datasynth.error.RunFailedException;
import io.datasynth.error.Setting;
import io.datasynth.text.Message;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The job's storage, reached through Hadoop's {@link FileSystem} API, so that any Hadoop-compatible file system
 * works (HDFS, S3A, GCS, ABFS, the local disk in tests). It carries the Hadoop configuration to the executors.
 *
 * <p>Where the file system keeps checksum files beside each file (the local one), files are written and read
 * through its raw file system instead: a killed task's torn last line must not fail a checksum, and outputs should
 * not get {@code .crc} files beside them.
 */
final class JobStorage implements Serializable {
  private transient Configuration conf;

  JobStorage(Configuration conf) {
    this.conf = new Configuration(conf);
  }

  /** The file system of a path, raw where it keeps checksums. */
  FileSystem fileSystem(Path path) {
    try {
      FileSystem fs = path.getFileSystem(conf);
      return fs instanceof ChecksumFileSystem c ? c.getRawFileSystem() : fs;
    } catch (IOException e) {
      throw new RunFailedException(Message.of("spark.storage.unreachable", path.toString(),
          String.valueOf(e.getMessage())), e);
    }
  }

  /** A path given by the user, made absolute against the file system's working folder. */
  Path qualify(String location, Setting option) {
    try {
      Path p = new Path(location);
      return p.getFileSystem(conf).makeQualified(p);
    } catch (IllegalArgumentException | IOException e) {
      throw InputException.of(null, Message.of("spark.storage.path", option, location, String.valueOf(e.getMessage())),
          Message.of("spark.storage.path.fix"));
    }
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    conf.write(out);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    conf = new Configuration(false);
    conf.readFields(in);
  }
}
