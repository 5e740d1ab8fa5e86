"""Every message a writer can see, in French, in one place.

Each entry: code -> (severity, message, hint). Severities: "erreur" stops
the build, "avertissement" publishes the article and asks for a fix,
"info" says what was understood (shown by the writers' check).
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str, str]] = {
    # Reading the file
    "binary_file": ("erreur", "ce fichier n'est pas un texte (contenu binaire)",
                    "enregistrez l'article au format texte Markdown (.md)"),
    "not_utf8": ("avertissement", "le fichier n'est pas encodé en UTF-8 ; il a été lu comme un fichier Windows (les accents peuvent être faux)",
                 "réenregistrez le fichier en UTF-8 (dans l'éditeur : « Enregistrer sous » > encodage UTF-8)"),
    "front_matter_unclosed": ("erreur", "l'en-tête de l'article commence par « {delimiter} » mais n'est jamais fermé",
                              "ajoutez une ligne « {delimiter} » après le dernier champ de l'en-tête"),
    "yaml_invalid": ("erreur", "l'en-tête de l'article est illisible : {detail}",
                     "vérifiez cette ligne : chaque champ s'écrit « nom : valeur », et une valeur qui contient « : » ou « # » se met entre guillemets"),
    "toml_invalid": ("erreur", "l'en-tête TOML de l'article est illisible : {detail}",
                     "vérifiez cette ligne : chaque champ s'écrit « nom = \"valeur\" »"),
    "front_matter_not_mapping": ("erreur", "l'en-tête de l'article doit être une liste de champs « nom : valeur »",
                                 "écrivez un champ par ligne, par exemple « titre : Mon article »"),
    "duplicate_key": ("avertissement", "le champ « {key} » est écrit deux fois ; seule la dernière valeur est prise en compte",
                      "supprimez l'une des deux lignes"),
    # Keys
    "key_alias": ("info", "le champ « {key} » est compris comme « {canonical} »", ""),
    "key_typo": ("avertissement", "le champ « {key} » ressemble à « {canonical} » et a été compris ainsi",
                 "corrigez l'orthographe du champ"),
    "key_repeated": ("avertissement", "« {key} » répète le champ « {canonical} » déjà donné plus haut ; cette valeur est ignorée",
                     "gardez un seul de ces champs"),
    # Title
    "title_unreadable": ("avertissement", "le titre n'est pas un texte ; le titre est pris dans l'article",
                         "écrivez « titre : Mon titre »"),
    "title_from_file_name": ("avertissement", "l'article n'a pas de titre ; le titre « {title} » vient du nom du fichier",
                             "ajoutez « titre : ... » dans l'en-tête ou un titre « # ... » au début du texte"),
    # Date
    "date_missing": ("erreur", "l'article n'a pas de date de publication",
                     "ajoutez par exemple « date : 2024-03-15 » ou « date : 15/03/2024 » dans l'en-tête"),
    "date_unreadable": ("erreur", "la date « {value} » n'est pas comprise",
                        "écrivez la date sous la forme 15/03/2024, 15 mars 2024 ou 2024-03-15"),
    "date_impossible": ("erreur", "la date « {value} » n'existe pas dans le calendrier",
                        "vérifiez le jour et le mois (les dates s'écrivent jour/mois/année)"),
    "date_out_of_range": ("erreur", "la date « {value} » est hors des années possibles (1990 à 2100)",
                          "vérifiez l'année"),
    "date_from_file_name": ("info", "la date {date} est prise dans le nom du fichier", ""),
    # Authors
    "author_unknown": ("avertissement", "l'auteur « {name} » n'est pas dans la liste des auteurs ; son nom est affiché tel quel",
                       "ajoutez-le dans docs/blog/.authors.yml (nom, rôle, photo)"),
    "author_unknown_close": ("avertissement", "l'auteur « {name} » n'est pas dans la liste des auteurs ; vouliez-vous dire : {suggestions} ?",
                             "écrivez le nom tel qu'il figure dans docs/blog/.authors.yml, ou ajoutez-y ce nouvel auteur"),
    # Tags and categories
    "terms_nested": ("avertissement", "« {key} » contient une liste imbriquée, ignorée",
                     "écrivez une liste simple : [\"Vente\", \"Marketing\"]"),
    "terms_too_many": ("avertissement", "« {key} » contient {count} éléments ; seuls les {limit} premiers sont gardés",
                       "gardez les thèmes principaux de l'article"),
    "tag_unknown": ("avertissement", "le thème « {term} » n'est pas dans la liste des thèmes ; il est gardé tel quel",
                    "si c'est un nouveau thème, ajoutez-le dans docs/taxonomy.yml"),
    "tag_unknown_close": ("avertissement", "le thème « {term} » n'est pas dans la liste des thèmes ; vouliez-vous dire : {suggestions} ?",
                          "utilisez un thème de docs/taxonomy.yml, ou ajoutez-y ce nouveau thème"),
    "category_unknown": ("avertissement", "la rubrique « {term} » n'est pas dans la liste des rubriques ; elle est gardée telle quelle",
                         "si c'est une nouvelle rubrique, ajoutez-la dans docs/taxonomy.yml"),
    "category_unknown_close": ("avertissement", "la rubrique « {term} » n'est pas dans la liste des rubriques ; vouliez-vous dire : {suggestions} ?",
                               "utilisez une rubrique de docs/taxonomy.yml, ou ajoutez-y cette nouvelle rubrique"),
    # Other fields
    "readtime_unreadable": ("avertissement", "la durée de lecture « {value} » n'est pas comprise ; elle sera calculée automatiquement",
                            "écrivez un nombre de minutes, par exemple « durée de lecture : 5 min »"),
    "text_unreadable": ("avertissement", "le champ « {key} » n'est pas un texte ; il est ignoré",
                        "écrivez une phrase sur une seule ligne"),
    "cover_unreadable": ("avertissement", "l'image de couverture n'est pas un chemin de fichier ; elle est ignorée",
                         "écrivez par exemple « image : img/couverture.jpg »"),
    "cover_unsafe": ("avertissement", "l'image de couverture « {src} » pointe hors du site ; elle est ignorée",
                     "placez l'image dans le dossier de l'article et indiquez son chemin, par exemple img/couverture.jpg"),
    "cover_missing": ("avertissement", "l'image de couverture « {src} » est introuvable ; elle est ignorée",
                      "ajoutez le fichier à côté de l'article ou corrigez le chemin"),
    "draft_unreadable": ("avertissement", "« brouillon : {value} » n'est pas compris ; l'article est publié",
                         "écrivez « brouillon : oui » ou « brouillon : non »"),
    "slug_cleaned": ("info", "l'adresse « {written} » devient « {slug} »", ""),
    "slug_unusable": ("avertissement", "l'adresse « {written} » ne contient ni lettre ni chiffre ; l'adresse vient du titre",
                      "écrivez une adresse comme « mon-article »"),
    "url_duplicate": ("erreur", "cet article aurait la même adresse ({url}) que {other}",
                      "changez le titre ou ajoutez « slug : une-autre-adresse » dans l'en-tête de l'un des deux"),
    # Body
    "image_markup_repaired": ("info", "l'image « {markup} » contenait des espaces en trop ; elle est affichée correctement", ""),
    "link_markup_repaired": ("info", "le lien « {markup} » contenait des espaces en trop ; il est affiché correctement", ""),
    "image_missing": ("avertissement", "l'image « {src} » est introuvable ; un cadre neutre est affiché à sa place",
                      "ajoutez le fichier image à côté de l'article, ou corrigez son chemin"),
    "image_unsafe": ("avertissement", "l'image « {src} » pointe hors du site ; un cadre neutre est affiché à sa place",
                     "placez l'image dans le dossier de l'article et utilisez un chemin comme img/photo.jpg"),
}
