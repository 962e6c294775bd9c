package org.statehub.simulator.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The Ed-Fi Sample extension's pets of a student ({@code _ext.sample.pets}: a pet's name, 3-20 characters, and
 * whether it is fixed), served when the district has the {@code sample} extension: about one student in three has
 * one or two, computed from the seed and the student's index like every other member, so the same district always
 * gives the same pets.
 */
public final class SamplePets {

    /** One pet. */
    public record Pet(String petName, boolean isFixed) {}

    private static final List<String> NAMES = List.of(
            "Biscuit", "Nemo", "Pepper", "Luna", "Max", "Bella", "Rocky", "Daisy", "Milo", "Coco", "Shadow", "Ziggy");

    private SamplePets() {}

    /** The pets of the student at {@code index} (generated or added); empty for most. */
    public static List<Pet> of(DistrictSpec spec, int index) {
        if (!spec.serves("sample")) {
            return List.of();
        }
        SplittableRandom random = Seeds.random(spec.seed(), Seeds.SAMPLE_PETS, index);
        if (random.nextInt(3) != 0) {
            return List.of();
        }
        List<Pet> pets = new ArrayList<>();
        int first = random.nextInt(NAMES.size());
        pets.add(new Pet(NAMES.get(first), random.nextBoolean()));
        if (random.nextInt(4) == 0) {
            pets.add(new Pet(
                    NAMES.get((first + 1 + random.nextInt(NAMES.size() - 1)) % NAMES.size()), random.nextBoolean()));
        }
        return List.copyOf(pets);
    }
}
