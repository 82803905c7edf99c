package dev.rdal.hdfs;

import dev.rdal.ErrorKind;
import dev.rdal.RdalException;
import java.io.IOException;
import java.security.PrivilegedExceptionAction;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.security.UserGroupInformation;

/**
 * Makes the {@link FileSystem} instance a backend owns: always {@link FileSystem#newInstance}, never the
 * JVM-wide cached instance that {@code FileSystem.get} shares with the rest of the application, so
 * closing the backend closes its own instance and nobody else's.
 *
 * <p>The Hadoop {@link Configuration} starts from Hadoop's defaults and any {@code core-site.xml} /
 * {@code hdfs-site.xml} on the class path, then takes the options' pass-through keys.
 *
 * <p><b>Kerberos.</b> With a login in the options, {@code hadoop.security.authentication} is set to
 * {@code kerberos}, the principal logs in from its keytab ({@link UserGroupInformation}), and the file
 * system is created as that user; the HDFS client keeps that user for every later call and renews its
 * ticket from the keytab. {@code UserGroupInformation}'s configuration is JVM-wide in Hadoop, so one JVM
 * should use one authentication method for all its Hadoop clients.
 */
final class FileSystems {

  private FileSystems() {}

  /** The Hadoop configuration of {@code options}. */
  static Configuration configuration(HdfsOptions options) {
    Configuration conf = new Configuration();
    options.hadoop().forEach(conf::set);
    if (options.kerberos() != null) {
      conf.set("hadoop.security.authentication", "kerberos");
    }
    return conf;
  }

  /** Creates (connects) the backend's own file system instance; blocks. */
  static FileSystem create(HdfsOptions options) {
    Configuration conf = configuration(options);
    try {
      if (options.kerberos() == null) {
        return FileSystem.newInstance(options.namenode(), conf);
      }
      UserGroupInformation.setConfiguration(conf);
      UserGroupInformation ugi = UserGroupInformation.loginUserFromKeytabAndReturnUGI(
          options.kerberos().principal(), options.kerberos().keytab().toString());
      return ugi.doAs((PrivilegedExceptionAction<FileSystem>) () -> FileSystem.newInstance(options.namenode(), conf));
    } catch (IOException | InterruptedException | RuntimeException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw RdalException.builder(ErrorKind.CONFIG_INVALID,
              "cannot create the HDFS client for " + options.namenode() + ": " + e.getClass().getSimpleName()
                  + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage())))
          .cause(e).backend("hdfs").operation("configure").build();
    }
  }

  private static String firstLine(String m) {
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
