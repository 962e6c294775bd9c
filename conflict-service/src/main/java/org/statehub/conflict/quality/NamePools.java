package org.statehub.conflict.quality;

import java.util.List;
import java.util.Random;

/**
 * Name pools of the labelled generator: Hispanic and Anglo given names by sex and surnames, roughly in order of
 * frequency (drawn with Zipf-like weights), plus made-up surnames from syllables for the long tail of rare
 * names a real state has.
 */
final class NamePools {

    static final List<String> HISPANIC_MALE = split("""
            Jose Juan Luis Carlos Jesus Miguel Antonio Francisco Alejandro Manuel Diego Angel Jorge Daniel David
            Fernando Ricardo Eduardo Javier Roberto Sergio Mario Pedro Rafael Raul Oscar Alberto Arturo Hector
            Gabriel Victor Adrian Andres Santiago Sebastian Mateo Emiliano Leonardo Joaquin Ignacio Guillermo
            Enrique Gerardo Gustavo Armando Ramon Alfredo Salvador Ruben Martin Julio Cesar Hugo Ivan Pablo Marco
            Rodrigo Ernesto Alfonso Cristian Esteban Tomas Agustin Emilio Nicolas Isaac Elias Samuel Abraham Felipe
            Osvaldo Rogelio Humberto Mauricio Benito Octavio Lorenzo Valentin Ulises Efrain Ezequiel Fabian Gilberto
            """);
    static final List<String> HISPANIC_FEMALE = split("""
            Maria Guadalupe Ana Sofia Valentina Camila Isabella Ximena Daniela Gabriela Fernanda Alejandra Mariana
            Andrea Paola Natalia Valeria Victoria Lucia Elena Rosa Carmen Patricia Veronica Adriana Leticia Monica
            Claudia Diana Laura Alicia Teresa Beatriz Silvia Yolanda Araceli Graciela Dolores Esperanza Josefina
            Margarita Cristina Carolina Jimena Renata Regina Romina Abril Alondra Yesenia Maribel Marisol Paulina
            Esmeralda Rocio Lorena Brenda Karla Viridiana Itzel Nayeli Citlali Areli Jazmin Lizbeth Marisela Irene
            Cecilia Gloria Estela Raquel Susana Norma Rebeca Miriam Luz Angelica Liliana Celeste Pilar Ines Julia
            """);
    static final List<String> ANGLO_MALE = split("""
            James John Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel Matthew Anthony
            Mark Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George Timothy Ronald Edward Jason Jeffrey
            Ryan Jacob Gary Nicholas Eric Jonathan Stephen Larry Justin Scott Brandon Benjamin Samuel Gregory
            Alexander Frank Patrick Raymond Jack Dennis Jerry Tyler Aaron Henry Adam Douglas Nathan Peter Zachary
            Kyle Walter Harold Jeremy Ethan Carl Keith Roger Gerald Christian Terry Sean Arthur Austin Noah Lawrence
            Jesse Joe Bryan Billy Jordan Albert Dylan Bruce Gabriel Logan Alan Juan Wayne Roy Ralph Randy Eugene
            Liam Mason Lucas Oliver Elijah Owen Caleb Hunter Wyatt Landon Connor Colton Gavin Chase Cole Blake
            """);
    static final List<String> ANGLO_FEMALE = split("""
            Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Nancy Lisa Betty Margaret
            Sandra Ashley Kimberly Emily Donna Michelle Dorothy Carol Amanda Melissa Deborah Stephanie Rebecca
            Sharon Laura Cynthia Kathleen Amy Shirley Angela Helen Anna Brenda Pamela Nicole Emma Samantha Katherine
            Christine Debra Rachel Catherine Carolyn Janet Ruth Maria Heather Diane Virginia Julie Joyce Victoria
            Olivia Kelly Christina Lauren Joan Evelyn Judith Megan Cheryl Andrea Hannah Martha Jacqueline Frances
            Gloria Ann Teresa Kathryn Sara Janice Jean Alice Madison Doris Abigail Julia Judy Grace Denise Amber
            Ava Sophia Isabella Mia Charlotte Harper Ella Chloe Lily Zoe Natalie Addison Brooklyn Savannah Aubrey
            """);
    static final List<String> HISPANIC_SURNAMES = split("""
            Garcia Rodriguez Martinez Hernandez Lopez Gonzalez Perez Sanchez Ramirez Torres Flores Rivera Gomez
            Diaz Reyes Morales Cruz Ortiz Gutierrez Chavez Ramos Ruiz Alvarez Mendoza Vasquez Castillo Jimenez
            Moreno Romero Herrera Medina Aguilar Vargas Guzman Mendez Munoz Salazar Garza Soto Vazquez Alvarado
            Delgado Pena Contreras Sandoval Guerrero Rios Estrada Ortega Nunez Maldonado Dominguez Vega Espinoza
            Rojas Marquez Padilla Molina Cortez Acosta Avila Cervantes Fuentes Castro Campos Leon Juarez Luna
            Cabrera Navarro Trevino Valdez Salinas Villarreal Zamora Ochoa Cardenas Ibarra Velasquez Santiago
            Figueroa Escobar Solis Bautista Orozco Lara Rosales Galvan Duran Carrillo Miranda Serrano Benitez
            Zapata Barrera Cisneros Montoya Pacheco Arellano Tapia Villanueva Ponce Quintero Mejia Ayala Esquivel
            """);
    static final List<String> ANGLO_SURNAMES = split("""
            Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore Jackson Martin
            Thompson White Harris Clark Lewis Robinson Walker Young Allen King Wright Scott Hill Green Adams Baker
            Nelson Carter Mitchell Roberts Turner Phillips Campbell Parker Evans Edwards Collins Stewart Morris
            Murphy Cook Rogers Morgan Peterson Cooper Reed Bailey Bell Kelly Howard Ward Cox Richardson Wood Watson
            Brooks Bennett Gray James Hughes Price Sanders Myers Long Ross Foster Powell Jenkins Perry Russell
            Sullivan Butler Barnes Fisher Henderson Coleman Simmons Patterson Jordan Reynolds Hamilton Graham Kim
            Wallace Woods Cole West Owens Marshall Harrison Gibson McDonald OBrien Ellis Stevens Tucker Porter
            Hunter Hicks Crawford Boyd Mason Warren Dixon Burns Gordon Shaw Holmes Rice Hunt Black Daniels Palmer
            """);
    private static final List<String> SYLLABLES = split("""
            ba be bo bra cal can car che co cor da del do dor el en es fa fer fi gal gar go ha her hol ka kel
            la lan le li lo ma mar me mi mon mor na nel ni no or pa par pe po ra ren ri ro sa san se so ta ten
            ti to tor va ver vi wal war wil ya ze zo
            """);
    private static final List<String> ENDINGS = split("ez son ton man ley berg ski ini ano er ard ell ins ias ova");

    private NamePools() {}

    private static List<String> split(String text) {
        return List.of(text.trim().split("\\s+"));
    }

    /** A Zipf-like draw: earlier names are more frequent (weight 1/(rank+10)). */
    static String draw(List<String> pool, Random random) {
        double total = harmonic(pool.size());
        double x = random.nextDouble() * total;
        for (int i = 0; i < pool.size(); i++) {
            x -= 1.0 / (i + 10);
            if (x <= 0) {
                return pool.get(i);
            }
        }
        return pool.get(pool.size() - 1);
    }

    private static double harmonic(int n) {
        double h = 0;
        for (int i = 0; i < n; i++) {
            h += 1.0 / (i + 10);
        }
        return h;
    }

    /** A made-up surname (one or two syllables and an ending): the long tail of rare surnames. */
    static String rareSurname(Random random) {
        StringBuilder b = new StringBuilder();
        int syllables = 1 + random.nextInt(2);
        for (int i = 0; i < syllables; i++) {
            b.append(SYLLABLES.get(random.nextInt(SYLLABLES.size())));
        }
        b.append(ENDINGS.get(random.nextInt(ENDINGS.size())));
        return Character.toUpperCase(b.charAt(0)) + b.substring(1);
    }
}
