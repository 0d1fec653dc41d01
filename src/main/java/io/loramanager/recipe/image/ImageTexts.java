package io.loramanager.recipe.image;

/**
 * The generation texts found in one image (anchor-recipes §2.1): the {@code parameters}, {@code
 * prompt} and {@code workflow} slots and the EXIF {@code comment}. Any slot may be null.
 *
 * @param video true for an mp4/webm file, which is accepted as recipe media but carries no texts
 */
public record ImageTexts(
    String parameters, String prompt, String workflow, String comment, boolean video) {

  public static final ImageTexts NONE = new ImageTexts(null, null, null, null, false);
  public static final ImageTexts VIDEO = new ImageTexts(null, null, null, null, true);

  /**
   * The one text the parsers read: {@code parameters} (or the comment standing in for it), else the
   * ComfyUI {@code prompt}, else the {@code workflow}; null when the image has none.
   */
  public String primary() {
    for (String slot : new String[] {parameters, comment, prompt, workflow}) {
      if (slot != null && !slot.isBlank()) {
        return slot;
      }
    }
    return null;
  }

  /** Whether the image embeds a ComfyUI workflow (the reference's {@code has_workflow}). */
  public boolean hasWorkflow() {
    return workflow != null && !workflow.isBlank();
  }
}
