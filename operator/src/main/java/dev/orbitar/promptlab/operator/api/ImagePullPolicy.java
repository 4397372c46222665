package dev.orbitar.promptlab.operator.api;

/**
 * When the kubelet pulls the worker image (the container field of the same name).
 */
public enum ImagePullPolicy {
  Always,
  IfNotPresent,
  Never
}
