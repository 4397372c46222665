package dev.orbitar.promptlab.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The worker pod of each batch: image, model, secrets and placement.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkerSpec {

  @Required
  @Size(min = 1, max = 512)
  @JsonPropertyDescription("Worker image, for example ghcr.io/example/prompt-lab-worker:1.0.0.")
  private String image;

  private ImagePullPolicy imagePullPolicy;

  @Size(min = 1, max = 200)
  @JsonPropertyDescription("Model used for refinements (LAB_MODEL_NAME); the worker's default when unset.")
  private String modelName;

  @Min(1)
  @Max(64)
  @JsonPropertyDescription("Refinements one worker pod runs at once (LAB_CONCURRENCY).")
  private Integer concurrency;

  @Size(max = 64)
  @JsonPropertyDescription("Extra environment variables; the names the operator sets itself are rejected.")
  private List<EnvVar> env = new ArrayList<>();

  private ResourceRequirements resources;

  @Size(min = 1, max = 253)
  private String serviceAccountName;

  private Map<String, String> nodeSelector = new LinkedHashMap<>();

  @Size(max = 32)
  private List<Toleration> tolerations = new ArrayList<>();

  @Required
  @JsonPropertyDescription("Secret key with the database URL (DATABASE_URL).")
  private SecretKeyRef databaseUrlSecretRef;

  @JsonPropertyDescription("Secret key with the OpenRouter API key (OPENROUTER_API_KEY); refines offline when unset.")
  private SecretKeyRef openRouterApiKeySecretRef;

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public ImagePullPolicy getImagePullPolicy() {
    return imagePullPolicy;
  }

  public void setImagePullPolicy(ImagePullPolicy imagePullPolicy) {
    this.imagePullPolicy = imagePullPolicy;
  }

  public String getModelName() {
    return modelName;
  }

  public void setModelName(String modelName) {
    this.modelName = modelName;
  }

  public Integer getConcurrency() {
    return concurrency;
  }

  public void setConcurrency(Integer concurrency) {
    this.concurrency = concurrency;
  }

  public List<EnvVar> getEnv() {
    return env;
  }

  public void setEnv(List<EnvVar> env) {
    this.env = env;
  }

  public ResourceRequirements getResources() {
    return resources;
  }

  public void setResources(ResourceRequirements resources) {
    this.resources = resources;
  }

  public String getServiceAccountName() {
    return serviceAccountName;
  }

  public void setServiceAccountName(String serviceAccountName) {
    this.serviceAccountName = serviceAccountName;
  }

  public Map<String, String> getNodeSelector() {
    return nodeSelector;
  }

  public void setNodeSelector(Map<String, String> nodeSelector) {
    this.nodeSelector = nodeSelector;
  }

  public List<Toleration> getTolerations() {
    return tolerations;
  }

  public void setTolerations(List<Toleration> tolerations) {
    this.tolerations = tolerations;
  }

  public SecretKeyRef getDatabaseUrlSecretRef() {
    return databaseUrlSecretRef;
  }

  public void setDatabaseUrlSecretRef(SecretKeyRef databaseUrlSecretRef) {
    this.databaseUrlSecretRef = databaseUrlSecretRef;
  }

  public SecretKeyRef getOpenRouterApiKeySecretRef() {
    return openRouterApiKeySecretRef;
  }

  public void setOpenRouterApiKeySecretRef(SecretKeyRef openRouterApiKeySecretRef) {
    this.openRouterApiKeySecretRef = openRouterApiKeySecretRef;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof WorkerSpec worker)) {
      return false;
    }
    return Objects.equals(image, worker.image)
        && imagePullPolicy == worker.imagePullPolicy
        && Objects.equals(modelName, worker.modelName)
        && Objects.equals(concurrency, worker.concurrency)
        && Objects.equals(env, worker.env)
        && Objects.equals(resources, worker.resources)
        && Objects.equals(serviceAccountName, worker.serviceAccountName)
        && Objects.equals(nodeSelector, worker.nodeSelector)
        && Objects.equals(tolerations, worker.tolerations)
        && Objects.equals(databaseUrlSecretRef, worker.databaseUrlSecretRef)
        && Objects.equals(openRouterApiKeySecretRef, worker.openRouterApiKeySecretRef);
  }

  @Override
  public int hashCode() {
    return Objects.hash(image, imagePullPolicy, modelName, concurrency, env, resources, serviceAccountName,
        nodeSelector, tolerations, databaseUrlSecretRef, openRouterApiKeySecretRef);
  }
}
