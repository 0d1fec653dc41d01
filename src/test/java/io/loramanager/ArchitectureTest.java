package io.loramanager;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.io.FileOutputStream;
import java.io.FileWriter;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;

/**
 * The package rules of DESIGN §3. Each capability package may use only the packages below it in the
 * table; {@code errors} is the shared bottom every package may use. Capabilities that do not exist
 * yet ({@code civitai}, {@code download}, {@code recipe}) are declared as optional layers so that
 * their rules hold from the first class added; a new top-level package must be given its place here
 * before it can be used. {@code outbound} (which hosts may be fetched from, the SSRF guard) sits
 * below every capability that fetches from the network.
 */
@AnalyzeClasses(packages = "io.loramanager", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule capabilitiesUseOnlyThePackagesBelowThem =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .ensureAllClassesAreContainedInArchitecture()
          .layer("api")
          .definedBy("io.loramanager.api..")
          .optionalLayer("download")
          .definedBy("io.loramanager.download..")
          .optionalLayer("recipe")
          .definedBy("io.loramanager.recipe..")
          .optionalLayer("civitai")
          .definedBy("io.loramanager.civitai..")
          .layer("library")
          .definedBy("io.loramanager.library..")
          .layer("outbound")
          .definedBy("io.loramanager.outbound..")
          .layer("settings")
          .definedBy("io.loramanager.settings..")
          .layer("events")
          .definedBy("io.loramanager.events..")
          .layer("storage")
          .definedBy("io.loramanager.storage..")
          .layer("errors")
          .definedBy("io.loramanager.errors..")
          .whereLayer("api")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("download")
          .mayOnlyAccessLayers(
              "library", "civitai", "outbound", "storage", "events", "settings", "errors")
          .whereLayer("recipe")
          .mayOnlyAccessLayers(
              "library", "civitai", "outbound", "storage", "events", "settings", "errors")
          .whereLayer("civitai")
          .mayOnlyAccessLayers("library", "outbound", "storage", "events", "settings", "errors")
          .whereLayer("library")
          .mayOnlyAccessLayers("outbound", "storage", "events", "settings", "errors")
          .whereLayer("outbound")
          .mayOnlyAccessLayers("settings", "errors")
          .whereLayer("settings")
          .mayOnlyAccessLayers("storage", "errors")
          .whereLayer("events")
          .mayOnlyAccessLayers("errors")
          .whereLayer("storage")
          .mayOnlyAccessLayers("errors")
          .whereLayer("errors")
          .mayNotAccessAnyLayer();

  @ArchTest
  static final ArchRule noCyclesBetweenTopLevelPackages =
      slices().matching("io.loramanager.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule resourcesDoNotUseJdbc =
      noClasses()
          .that()
          .resideInAPackage("io.loramanager.api..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("java.sql..", "javax.sql..")
          .because("resources are thin: the database belongs to storage (DESIGN §3)");

  @ArchTest
  static final ArchRule resourcesDoNotWriteFiles =
      noClasses()
          .that()
          .resideInAPackage("io.loramanager.api..")
          .should()
          .dependOnClassesThat()
          .belongToAnyOf(
              Files.class,
              FileChannel.class,
              FileOutputStream.class,
              FileWriter.class,
              RandomAccessFile.class)
          .because("resources are thin: file access belongs to the capability (DESIGN §3)");

  @ArchTest
  static final ArchRule namesSayWhatThingsAre =
      noClasses()
          .should()
          .haveSimpleNameEndingWith("Utils")
          .orShould()
          .haveSimpleNameEndingWith("Util")
          .orShould()
          .haveSimpleNameEndingWith("Helper")
          .orShould()
          .haveSimpleNameEndingWith("Helpers")
          .orShould()
          .haveSimpleNameEndingWith("Manager2")
          .because("names say what things are (DESIGN §3)");

  @ArchTest
  static final ArchRule noStaticMutableFields =
      fields()
          .that()
          .areStatic()
          .should()
          .beFinal()
          .because("services are CDI beans: no static singletons or shared mutable state");

  @ArchTest
  static final ArchRule noStandardStreams =
      GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.because(
          "the server logs through JBoss Logging");
}
