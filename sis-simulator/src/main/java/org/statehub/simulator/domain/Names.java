package org.statehub.simulator.domain;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * Name pools and the free text of attendance reasons: varied on purpose (accents, apostrophes, quotes, particles,
 * two-word names) to exercise consumers.
 */
final class Names {

    static final String[] FEMALE = {
        "Sofía",
        "Emma",
        "Olivia",
        "Ava",
        "Isabella",
        "Mia",
        "Amelia",
        "Harper",
        "Camila",
        "Aaliyah",
        "Zoë",
        "Mariana",
        "Ximena",
        "Valentina",
        "Guadalupe",
        "Nia",
        "Imani",
        "Aisha",
        "Fatima",
        "Mei",
        "Xiaoling",
        "Priya",
        "Ananya",
        "Hana",
        "Yuna",
        "Linh",
        "Thao",
        "Siobhan",
        "Chloé",
        "Renée",
        "Mary Ann",
        "Grace",
        "Abigail",
        "Elizabeth",
        "Katherine",
        "Margaret",
        "Naomi",
        "Leila",
        "Noor",
        "Esperanza",
        "Keira",
        "Ayanna",
        "Dakota",
        "Maya",
        "Lucía"
    };
    static final String[] MALE = {
        "Liam",
        "Noah",
        "Mateo",
        "Santiago",
        "José",
        "Juan Carlos",
        "Elijah",
        "James",
        "William",
        "Benjamin",
        "Lucas",
        "Henry",
        "Alexander",
        "Michael",
        "Robert",
        "Daniel",
        "Jamal",
        "DeShawn",
        "Malik",
        "Muhammad",
        "Omar",
        "Ahmed",
        "Wei",
        "Hiroshi",
        "Minh",
        "Duc",
        "Arjun",
        "Rohan",
        "Sean",
        "Patrick",
        "Nicolás",
        "Andrés",
        "Diego",
        "Thomas",
        "Christopher",
        "Jonathan",
        "Kwame",
        "Tariq",
        "Ethan",
        "Kenji",
        "Darnell",
        "Ezekiel",
        "Tomás"
    };
    static final String[] UNISEX = {
        "Alex", "Jordan", "Taylor", "Riley", "Avery", "Quinn", "Rowan", "Sam", "Jamie", "Skyler", "Emerson", "Kai",
        "River", "Sage"
    };
    static final String[] HISPANIC_SURNAMES = {
        "Garcia",
        "Lopez",
        "Martinez",
        "Rodriguez",
        "Hernandez",
        "Gonzalez",
        "Perez",
        "Sanchez",
        "Ramirez",
        "Torres",
        "Flores",
        "Rivera",
        "Gómez",
        "Díaz",
        "Muñoz",
        "Peña",
        "Núñez",
        "Castillo",
        "Vargas",
        "Romero"
    };
    static final String[] SURNAMES = {
        "Smith",
        "Johnson",
        "Williams",
        "Brown",
        "Jones",
        "Miller",
        "Davis",
        "Wilson",
        "Anderson",
        "Taylor",
        "Thomas",
        "Moore",
        "Jackson",
        "White",
        "Harris",
        "Clark",
        "Lewis",
        "Robinson",
        "Walker",
        "Young",
        "Nguyen",
        "Tran",
        "Pham",
        "O'Brien",
        "O'Connor",
        "D'Angelo",
        "McDonald",
        "Kim",
        "Lee",
        "Park",
        "Chen",
        "Wang",
        "Li",
        "Patel",
        "Shah",
        "Singh",
        "Khan",
        "Ali",
        "Hassan",
        "Yamamoto",
        "Tanaka",
        "Begay",
        "Yazzie",
        "Kealoha",
        "Okafor",
        "Adeyemi",
        "Mensah",
        "Schmidt",
        "Müller",
        "Kowalski",
        "Novak",
        "Rossi",
        "Dubois",
        "De La Cruz",
        "van der Berg",
        "St. Pierre",
        "Garcia",
        "Lopez",
        "Martinez",
        "Rodriguez",
        "Hernandez",
        "Gonzalez",
        "Perez",
        "Ramirez"
    };
    static final Map<String, String> NICKNAMES = Map.ofEntries(
            Map.entry("William", "Will"),
            Map.entry("Robert", "Bobby"),
            Map.entry("Elizabeth", "Liz"),
            Map.entry("Katherine", "Kate"),
            Map.entry("Alexander", "Alex"),
            Map.entry("Margaret", "Maggie"),
            Map.entry("Benjamin", "Ben"),
            Map.entry("Christopher", "Chris"),
            Map.entry("Jonathan", "Jon"),
            Map.entry("Daniel", "Danny"),
            Map.entry("Michael", "Mike"),
            Map.entry("Nicolás", "Nico"),
            Map.entry("Guadalupe", "Lupe"),
            Map.entry("Santiago", "Santi"),
            Map.entry("Abigail", "Abby"),
            Map.entry("Xiaoling", "Lily"),
            Map.entry("Wei", "David"),
            Map.entry("Hiroshi", "Hiro"),
            Map.entry("Muhammad", "Mo"),
            Map.entry("Valentina", "Vale"),
            Map.entry("José", "Pepe"),
            Map.entry("Thomas", "Tommy"),
            Map.entry("Ezekiel", "Zeke"),
            Map.entry("Juan Carlos", "JC"),
            Map.entry("Mary Ann", "Annie"),
            Map.entry("Isabella", "Bella"),
            Map.entry("Siobhan", "Shiv"),
            Map.entry("Minh", "Mike"));
    static final String[] SCHOOL_STEMS = {
        "Lincoln",
        "Roosevelt",
        "Washington",
        "Jefferson",
        "Cesar Chavez",
        "Sequoyah",
        "Maple Grove",
        "Riverside",
        "Sojourner Truth",
        "Oak Hill",
        "Pine Ridge",
        "Lakeview",
        "Frederick Douglass",
        "Ellen Ochoa",
        "Sunnyside",
        "Cedar Creek",
        "Mountain View",
        "Harriet Tubman",
        "Willow Bend",
        "Eastside",
        "Westfield",
        "Northgate",
        "Southpark",
        "Mae Jemison",
        "Wilma Mankiller",
        "Sandy Creek",
        "Granite Falls",
        "Clearwater",
        "Thurgood Marshall",
        "Dolores Huerta"
    };

    private static final String[] EXCUSED_REASONS = {
        "Illness",
        "Doctor's appointment, returned at 10:15",
        "Religious observance",
        "Family emergency",
        "Court appearance"
    };
    private static final String[] UNEXCUSED_REASONS = {
        "No note received", "Parent called: \"car trouble\"", "Left campus without permission", "Truant"
    };
    private static final String[] TARDY_REASONS = {
        "Bus late", "Overslept", "Traffic, signed in at office", "Medical appointment"
    };

    private Names() {}

    static String pick(SplittableRandom random, String[] pool) {
        return pool[random.nextInt(pool.length)];
    }

    static String firstName(SplittableRandom random, String sexCode) {
        return pick(
                random,
                switch (sexCode) {
                    case VendorCodes.SEX_FEMALE -> FEMALE;
                    case VendorCodes.SEX_MALE -> MALE;
                    default -> UNISEX;
                });
    }

    /** A reason an attendance event of this category might be recorded with. */
    static String attendanceReason(SplittableRandom random, String category) {
        String[] pool = category.equals(VendorCodes.ABSENCE_EXCUSED)
                ? EXCUSED_REASONS
                : category.equals(VendorCodes.ABSENCE_UNEXCUSED) ? UNEXCUSED_REASONS : TARDY_REASONS;
        return pick(random, pool);
    }
}
