package dev.rdal.hdfs;

import dev.rdal.scheduler.ExecutionPolicy;

/** The whole behavior kit against HDFS under the backend's default policy (its dedicated scheduler). */
class HdfsDefaultPolicyKitTest extends HdfsKitSupport {

  @Override
  protected ExecutionPolicy policy() {
    return null;
  }
}
