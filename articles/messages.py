"""Every message a writer can see, in French, in one place.

Each entry: code -> (severity, message, hint). Severities: "erreur" stops
the build, "avertissement" publishes the article and asks for a fix,
"info" says what was understood (shown by the writers' check).
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str, str]] = {
    # Reading the file
    "file_not_published": (
        "avertissement",
        "le fichier « {name} » n'est ni un article ni une image ou une pièce jointe acceptée ; il n'est pas publié",
        "un article se termine par « .md » (renommez par exemple « mon-article.md.txt » en « mon-article.md ») ; "
        "une image s'enregistre en PNG, JPEG, GIF ou WebP (les fichiers SVG et HTML ne sont pas publiés) ; "
        "sinon, retirez ce fichier du dossier des articles",
    ),
    "binary_file": ("erreur", "ce fichier n'est pas un texte (contenu binaire)", "enregistrez l'article au format texte Markdown (.md)"),
    "not_utf8": (
        "avertissement",
        "le fichier n'est pas encodé en UTF-8 ; il a été lu comme un fichier Windows (les accents peuvent être faux)",
        "réenregistrez le fichier en UTF-8 (dans l'éditeur : « Enregistrer sous » > encodage UTF-8)",
    ),
    "front_matter_unclosed": (
        "erreur",
        "l'en-tête de l'article commence par « {delimiter} » mais n'est jamais fermé ; il se termine sans doute après la ligne {end}",
        "ajoutez une ligne « {delimiter} » seule après la ligne {end}, le dernier champ de l'en-tête",
    ),
    "front_matter_unclosed_guessed": (
        "avertissement",
        "l'en-tête de l'article commence par « {delimiter} » mais n'est jamais fermé ; il est compris comme se terminant à la ligne {end}",
        "ajoutez une ligne « {delimiter} » seule après la ligne {end}",
    ),
    "front_matter_unopened_guessed": (
        "avertissement",
        "l'en-tête de l'article (titre, date…) n'a pas de ligne « --- » au-dessus de lui ; il est compris comme allant jusqu'au « --- » de la ligne {end}",
        "ajoutez une ligne « --- » seule tout en haut du fichier, au-dessus du premier champ",
    ),
    "front_matter_undelimited_guessed": (
        "avertissement",
        "l'en-tête de l'article (titre, date…) n'est pas entre deux lignes « --- » ; les lignes {first} à {end} sont comprises comme l'en-tête",
        "ajoutez une ligne « --- » seule au-dessus du premier champ, et une autre sous le dernier (ligne {end})",
    ),
    "front_matter_below_title_guessed": (
        "avertissement",
        "les lignes {first} à {end}, sous le titre, sont comprises comme l'en-tête de l'article (date, auteur…) : elles n'apparaissent pas dans le texte publié",
        "déplacez-les tout en haut du fichier, entre deux lignes « --- »",
    ),
    "front_matter_confluence_byline": (
        "info",
        "la ligne de Confluence sous le titre (« Created by… », « Créé par… ») donne l'auteur et la date de l'article : elle n'apparaît pas dans le texte publié",
        "",
    ),
    "yaml_invalid": (
        "erreur",
        "l'en-tête de l'article est illisible : {detail}",
        "vérifiez cette ligne : chaque champ s'écrit « nom : valeur », et une valeur qui contient « : » ou « # » se met entre guillemets",
    ),
    "toml_invalid": (
        "erreur",
        "l'en-tête TOML de l'article est illisible : {detail}",
        'vérifiez cette ligne : chaque champ s\'écrit « nom = "valeur" »',
    ),
    "front_matter_not_mapping": (
        "erreur",
        "l'en-tête de l'article doit être une liste de champs « nom : valeur »",
        "écrivez un champ par ligne, par exemple « titre : Mon article »",
    ),
    "duplicate_key": (
        "avertissement",
        "le champ « {key} » est écrit deux fois ; seule la dernière valeur est prise en compte",
        "supprimez l'une des deux lignes",
    ),
    # Keys
    "key_alias": ("info", "le champ « {key} » est compris comme « {canonical} »", ""),
    "key_typo": (
        "avertissement",
        "le champ « {key} » ressemble à « {canonical} » et a été compris ainsi",
        "corrigez l'orthographe du champ",
    ),
    "key_reserved": (
        "avertissement",
        "le champ « {key} » est réservé à la mise en page du site ; il est ignoré",
        "retirez cette ligne de l'en-tête",
    ),
    "value_too_deep": (
        "avertissement",
        "le champ « {key} » contient des listes imbriquées sur trop de niveaux ; il est ignoré",
        "simplifiez ce champ",
    ),
    "key_repeated": (
        "avertissement",
        "« {key} » répète le champ « {canonical} » déjà donné plus haut ; cette valeur est ignorée",
        "gardez un seul de ces champs",
    ),
    # Title
    "title_unreadable": (
        "avertissement",
        "le titre n'est pas un texte ; le titre est pris dans l'article",
        "écrivez « titre : Mon titre »",
    ),
    "title_mail_prefix": (
        "avertissement",
        "l'objet du courriel commence par « {prefix} », ajouté par la messagerie ; il est retiré du titre",
        "retirez « {prefix} » de la ligne du titre",
    ),
    "title_markup": (
        "avertissement",
        "le titre contient de la mise en forme ({tags}) ; elle est retirée du titre affiché",
        "écrivez le titre sans mise en forme : un titre s'affiche toujours en texte simple",
    ),
    "title_from_file_name": (
        "avertissement",
        "l'article n'a pas de titre ; le titre « {title} » vient du nom du fichier",
        "ajoutez « titre : ... » dans l'en-tête ou un titre « # ... » au début du texte",
    ),
    # Date
    "date_missing": (
        "erreur",
        "l'article n'a pas de date de publication",
        "ajoutez par exemple « date : 2024-03-15 » ou « date : 15/03/2024 » dans l'en-tête",
    ),
    "date_relative": (
        "erreur",
        "la date « {value} » changerait de sens chaque jour : un article a une date fixe",
        "écrivez le jour lui-même ; « {value} », c'est aujourd'hui « date : {date} »",
    ),
    "date_unreadable": (
        "erreur",
        "la date « {value} » n'est pas comprise",
        "écrivez la date sous la forme 15/03/2024, 15 mars 2024 ou 2024-03-15",
    ),
    "date_impossible": (
        "erreur",
        "la date « {value} » n'existe pas dans le calendrier",
        "vérifiez le jour et le mois (les dates s'écrivent jour/mois/année)",
    ),
    "date_out_of_range": ("erreur", "la date « {value} » est hors des années possibles (1990 à 2100)", "vérifiez l'année"),
    "date_from_file_name": ("info", "la date {date} est prise dans le nom du fichier", ""),
    "date_read": ("info", "la date « {value} » est comprise comme le {date}", ""),
    "date_month_only": (
        "info",
        "« {value} » ne donne pas le jour : l'article est daté du {date}",
        "précisez le jour si vous le connaissez, par exemple 15/03/2024",
    ),
    "date_us_order": (
        "info",
        "la date « {value} » est écrite à l'américaine (mois/jour) : elle est comprise comme le {date}",
        "écrivez les dates dans l'ordre jour/mois/année",
    ),
    # Authors
    "author_address_left_out": (
        "info",
        "l'adresse e-mail « {address} » de l'auteur « {name} » n'est pas publiée : seul son nom est affiché",
        "écrivez le nom seul",
    ),
    "author_mention_read": (
        "info",
        "« {written} » est compris comme l'auteur « {name} »",
        "écrivez le nom de l'auteur, sans « @ »",
    ),
    "author_unknown": (
        "avertissement",
        "l'auteur « {name} » n'est pas dans la liste des auteurs ; son nom est affiché tel quel",
        "ajoutez-le dans docs/blog/.authors.yml (nom, rôle, photo)",
    ),
    "author_unknown_close": (
        "avertissement",
        "l'auteur « {name} » n'est pas dans la liste des auteurs ; vouliez-vous dire : {suggestions} ?",
        "écrivez le nom tel qu'il figure dans docs/blog/.authors.yml, ou ajoutez-y ce nouvel auteur",
    ),
    # Tags and categories
    "terms_nested": (
        "avertissement",
        "« {key} » contient une liste imbriquée, ignorée",
        'écrivez une liste simple : ["Vente", "Marketing"]',
    ),
    "terms_too_many": (
        "avertissement",
        "« {key} » contient {count} éléments ; seuls les {limit} premiers sont gardés",
        "gardez les thèmes principaux de l'article",
    ),
    "tag_unknown": (
        "avertissement",
        "le thème « {term} » n'est pas dans la liste des thèmes ; il est gardé tel quel",
        "si c'est un nouveau thème, ajoutez-le dans docs/taxonomy.yml",
    ),
    "tag_unknown_close": (
        "avertissement",
        "le thème « {term} » n'est pas dans la liste des thèmes ; vouliez-vous dire : {suggestions} ?",
        "utilisez un thème de docs/taxonomy.yml, ou ajoutez-y ce nouveau thème",
    ),
    "tag_unknown_shown_as": (
        "avertissement",
        "le thème « {term} » n'est pas dans la liste des thèmes ; il est affiché « {shown} », comme l'écrit déjà un autre article",
        "écrivez « {shown} », ou ajoutez ce thème dans docs/taxonomy.yml sous la forme voulue",
    ),
    "category_unknown": (
        "avertissement",
        "la rubrique « {term} » n'est pas dans la liste des rubriques ; elle est gardée telle quelle",
        "si c'est une nouvelle rubrique, ajoutez-la dans docs/taxonomy.yml",
    ),
    "category_unknown_shown_as": (
        "avertissement",
        "la rubrique « {term} » n'est pas dans la liste des rubriques ; elle est affichée « {shown} », comme l'écrit déjà un autre article",
        "écrivez « {shown} », ou ajoutez cette rubrique dans docs/taxonomy.yml sous la forme voulue",
    ),
    "category_unknown_close": (
        "avertissement",
        "la rubrique « {term} » n'est pas dans la liste des rubriques ; vouliez-vous dire : {suggestions} ?",
        "utilisez une rubrique de docs/taxonomy.yml, ou ajoutez-y cette nouvelle rubrique",
    ),
    # Other fields
    "readtime_unreadable": (
        "avertissement",
        "la durée de lecture « {value} » n'est pas comprise ; elle sera calculée automatiquement",
        "écrivez un nombre de minutes, par exemple « durée de lecture : 5 min »",
    ),
    "text_unreadable": ("avertissement", "le champ « {key} » n'est pas un texte ; il est ignoré", "écrivez une phrase sur une seule ligne"),
    "cover_unreadable": (
        "avertissement",
        "l'image de couverture n'est pas un chemin de fichier ; elle est ignorée",
        "écrivez par exemple « image : img/couverture.jpg »",
    ),
    "cover_unsafe": (
        "avertissement",
        "l'image de couverture « {src} » pointe hors du site ; elle est ignorée",
        "placez l'image dans le dossier de l'article et indiquez son chemin, par exemple img/couverture.jpg",
    ),
    "cover_missing": (
        "avertissement",
        "l'image de couverture « {src} » est introuvable ; elle est ignorée",
        "ajoutez le fichier à côté de l'article ou corrigez le chemin",
    ),
    "cover_remote": (
        "avertissement",
        "l'image de couverture « {src} » est une adresse internet ; elle est ignorée : l'image de couverture doit être un fichier du site",
        "téléchargez l'image, placez-la à côté de l'article et indiquez son chemin, par exemple img/couverture.jpg",
    ),
    "draft_unreadable": (
        "avertissement",
        "« {key} : {value} » n'est pas compris ; par prudence, l'article n'est pas publié",
        "écrivez « brouillon : oui » pour le garder en brouillon, ou « brouillon : non » pour le publier",
    ),
    "draft_flag": (
        "avertissement",
        "« {key} : {value} » : l'article est un brouillon ; il n'est pas publié",
        "pour le publier, retirez cette ligne ou écrivez « brouillon : non »",
    ),
    "article_confidential": (
        "avertissement",
        "« {key} : {value} » : l'article est marqué confidentiel ; il n'est pas publié",
        "le site est lisible par toutes les équipes (et par quiconque a son adresse s'il est public) : "
        "gardez ce document ailleurs, ou écrivez « {key} : non » pour le publier",
    ),
    "publish_future": (
        "avertissement",
        "l'article est daté dans le futur : il sera publié le {date}",
        "rien à faire si c'est voulu : le site est reconstruit chaque matin ; sinon, corrigez la date",
    ),
    "value_hash_text": ("info", "« {value} » : le « # » est lu comme du texte, pas comme le début d'un commentaire", ""),
    "value_colon_text": (
        "info",
        "« {value} » contient « : » ; la valeur est lue comme un texte",
        'pour lever le doute, mettez la valeur entre guillemets droits : "…"',
    ),
    "value_special_text": (
        "info",
        "« {value} » commence par un caractère spécial de l'en-tête ; la valeur est lue comme un texte",
        'pour lever le doute, mettez la valeur entre guillemets droits : "…"',
    ),
    "value_bracket_text": (
        "avertissement",
        "« {value} » commence par « [ » mais n'est pas une liste ; la valeur est lue comme un texte",
        'mettez la valeur entre guillemets droits : "{value}" (une liste s\'écrit [Vente, Marketing])',
    ),
    "value_french_quotes_joined": (
        "info",
        "la valeur entre « » continue sur {count} lignes ; elles sont lues comme un seul texte",
        "écrivez la valeur sur une seule ligne",
    ),
    "line_dedented": ("info", "cette ligne commence par des espaces ; ils sont ignorés", ""),
    "mail_field_unused": (
        "info",
        "le champ « {key} » d'un courriel (ses destinataires, ses pièces jointes…) n'est jamais publié ; il est ignoré",
        "retirez cette ligne de l'en-tête",
    ),
    "note_container": (
        "avertissement",
        "le bloc « {markup} » (Docusaurus, VitePress) est affiché comme un encadré du site : « {note} »",
        "« python -m articles fix --write » l'écrit ainsi dans le fichier",
    ),
    "headings_below_title": (
        "avertissement",
        "« {heading} » est un titre de premier niveau, comme celui de l'article : pour que « {title} » reste le titre de la page, les titres du texte sont affichés un niveau plus bas",
        "écrivez les intertitres avec « ## » ; « python -m articles fix --write » le fait dans le fichier",
    ),
    "pandoc_table": (
        "avertissement",
        "ce tableau est écrit comme pandoc l'exporte d'un fichier Word ({rows} lignes, {columns} colonnes) : il est affiché comme un tableau du site",
        "vérifiez le tableau sur la page ; « python -m articles fix --write » l'écrit en Markdown dans le fichier (« | Étape | Délai | », « | --- | --- | », puis une ligne par rangée)",
    ),
    "pandoc_span": (
        "avertissement",
        "« {markup} » est une mise en forme de pandoc ({count} dans l'article) : le site affiche le texte seul, souligné pour « .underline », surligné pour « .mark »",
        "« python -m articles fix --write » l'écrit ainsi dans le fichier",
    ),
    "footnote_unreferenced": (
        "avertissement",
        "la note « [^{label}] » n'est appelée nulle part dans le texte : elle est affichée en bas de page sans renvoi",
        "ajoutez « [^{label}] » à l'endroit du texte qu'elle commente, ou retirez la note",
    ),
    "key_unused": (
        "info",
        "le champ « {key} » n'est pas utilisé par le site ; il est ignoré",
        "retirez cette ligne si elle ne sert à rien, ou vérifiez le nom du champ dans le guide",
    ),
    "slug_cleaned": ("info", "l'adresse « {written} » devient « {slug} »", ""),
    "slug_unusable": (
        "avertissement",
        "l'adresse « {written} » n'est pas utilisable (sans lettre ni chiffre, ou un modèle d'adresse d'un autre outil) ; l'adresse vient du titre",
        "écrivez une adresse comme « mon-article »",
    ),
    "url_duplicate": (
        "erreur",
        "cet article aurait la même adresse ({url}) que {other}",
        "changez le titre ou ajoutez « slug : une-autre-adresse » dans l'en-tête de l'un des deux",
    ),
    # Body
    "paragraph_dedented": (
        "info",
        "ce paragraphe commence par {indent} (texte copié d'un traitement de texte ?) ; il est affiché comme un paragraphe normal",
        "",
    ),
    "indented_code": (
        "avertissement",
        "ce bloc commence par {indent} : il est affiché comme du code (police à chasse fixe, sans mise en forme)",
        "si c'est du texte, retirez {the_indent} en début de ligne ; si c'est du code, encadrez-le de deux lignes ``` (voir « Ce qu'un article peut contenir » dans le guide)",
    ),
    "image_markup_repaired": ("info", "l'image « {markup} » contenait des espaces en trop ; elle est affichée correctement", ""),
    "excerpt_mark_repaired": (
        "info",
        "« {markup} » est compris comme la fin du début d'article montré dans les listes (ici on écrit « <!-- more --> »)",
        "",
    ),
    "emphasis_repaired": (
        "info",
        "« {markup} » avait un espace juste à l'intérieur des astérisques ; le gras ou l'italique est affiché",
        "",
    ),
    "image_markup_unclosed": ("info", "l'image « {markup} » n'était pas fermée par « ) » ; elle est affichée correctement", ""),
    "pasted_list": (
        "info",
        "la liste copiée d'un traitement de texte (« {marker} ») est affichée comme une liste",
        "",
    ),
    "pasted_table": (
        "avertissement",
        "ces {rows} lignes ressemblent à un tableau copié d'un tableur ({columns} colonnes séparées par des tabulations) ; elles sont affichées en tableau, la première ligne en en-tête",
        "vérifiez le tableau sur la page ; « python -m articles fix » l'écrit en Markdown dans le fichier : une ligne « | Produit | Prix | », puis « | --- | --- | », puis une ligne par rangée",
    ),
    "hashtag_line": (
        "avertissement",
        "la ligne « {markup} » est une suite de hashtags : elle est affichée comme du texte (sans cela, elle deviendrait le plus grand titre de la page)",
        "pour classer l'article par ces mots, mettez-les dans l'en-tête : « thèmes : {topics} »",
    ),
    "link_markup_repaired": ("info", "le lien « {markup} » contenait des espaces en trop ; il est affiché correctement", ""),
    "image_missing": (
        "avertissement",
        "l'image « {src} » est introuvable ; un cadre neutre est affiché à sa place",
        "ajoutez le fichier image à côté de l'article, ou corrigez son chemin",
    ),
    "unsafe_markup": (
        "avertissement",
        "« {markup} » n'est pas permis dans un article (cela pourrait exécuter du code chez les lecteurs) ; c'est retiré de la page publiée",
        "retirez-le : un article contient du texte mis en forme, des liens web (https://…, mailto:…), des images et des tableaux ; voir « Ce qu'un article peut contenir » dans le guide",
    ),
    "layout_dropped": (
        "avertissement",
        "la mise en page « {markup} » (venue d'un autre outil : Word, WordPress, Notion…) n'est pas reprise sur le site ; le texte qu'elle contient est gardé",
        "rien d'autre à faire : le texte s'affiche dans la mise en page du site ; vous pouvez retirer cette balise",
    ),
    "style_dropped": (
        "avertissement",
        "la mise en forme « {markup} » (couleurs, polices, tailles…) n'est pas reprise sur le site ; seul l'alignement des cellules de tableau l'est",
        "rien d'autre à faire : le texte s'affiche dans la mise en forme du site ; pour mettre en valeur, utilisez **gras** ou *italique*",
    ),
    "image_embedded": (
        "avertissement",
        "l'image « {name} » est collée dans le texte lui-même (export Google Docs, e-mail…) au lieu d'être un fichier ; un cadre neutre est affiché à sa place",
        "« python -m articles fix --write » l'enregistre comme fichier dans le dossier img/ de l'article et y renvoie le texte ; "
        "ou enregistrez-la vous-même (PNG ou JPEG) et écrivez ![description](img/nom-du-fichier.png) à la place",
    ),
    "image_unsafe": (
        "avertissement",
        "l'image « {src} » pointe hors du site ; un cadre neutre est affiché à sa place",
        "placez l'image dans le dossier de l'article et utilisez un chemin comme img/photo.jpg",
    ),
    # Links (articles/links.py)
    "link_unresolved": (
        "avertissement",
        "le lien « {link} » ne mène à aucun article, page ou fichier du site ; il est laissé tel quel",
        "écrivez le nom du fichier de l'article visé (par exemple mon-article.md), ou une adresse web complète (https://…)",
    ),
    "link_ambiguous": (
        "avertissement",
        "le lien « {link} » peut mener à plusieurs fichiers ({candidates}) ; il est laissé tel quel",
        "écrivez le nom complet du fichier visé, avec sa date (par exemple 2024-03-15-mon-article.md)",
    ),
    "link_anchor_missing": (
        "avertissement",
        "le lien « {link} » vise une section « #{anchor} » qui n'existe pas dans la page visée ; il mène au début de la page",
        "vérifiez le titre de section visé, ou retirez la partie « #… » du lien",
    ),
    "foreign_markup": (
        "avertissement",
        "« {markup} » vient d'un autre outil de blog (Jekyll, Hugo, WordPress…) et n'est pas compris ici ; il est affiché tel quel",
        "retirez-le ou remplacez-le : un lien s'écrit [texte](autre-article.md), une vidéo se partage par un lien vers elle",
    ),
    "foreign_markup_removed": (
        "avertissement",
        "« {markup} » vient d'un autre outil de blog ; il est ignoré dans ce lien, qui mène bien à la page visée",
        "retirez « {markup} » du lien",
    ),
    # Limits on the work of one article (articles/limits.py, articles/frontmatter.py)
    "yaml_alias": (
        "erreur",
        "l'en-tête répète une valeur avec un alias YAML (« *{name} ») ; le site ne les accepte pas",
        "écrivez la valeur en entier à cet endroit ; une valeur qui commence par « * » ou « & » se met entre guillemets",
    ),
    "article_too_large": (
        "erreur",
        "l'article fait {size} Ko ; un article ne peut pas dépasser {limit} Ko",
        "découpez-le en plusieurs articles, et placez les documents longs en pièce jointe",
    ),
    "nesting_too_deep": (
        "erreur",
        "cette ligne est imbriquée sur {depth} niveaux (listes, citations « > » ou retraits) ; la limite est {limit}",
        "retirez des espaces ou des « > » en début de ligne : quelques niveaux de liste suffisent",
    ),
    "too_many_headings": (
        "erreur",
        "l'article contient plus de {limit} titres ; la page ne peut pas être construite",
        "découpez l'article en plusieurs articles",
    ),
    "brackets_unclosed": (
        "erreur",
        "ce paragraphe contient trop de crochets « [ » qui ne sont pas refermés par « ] » ; la mise en page prendrait des minutes",
        "refermez chaque crochet (un lien s'écrit [texte](https://…)), ou retirez ceux qui ne servent pas",
    ),
    "block_too_long": (
        "erreur",
        "ce paragraphe fait plus de {limit} caractères sans ligne vide ; la mise en page prendrait des minutes",
        "séparez les paragraphes par une ligne vide",
    ),
    "too_many_footnotes": (
        "erreur",
        "l'article contient plus de {limit} notes de bas de page « [^…] : »",
        "gardez les notes utiles, ou découpez l'article en plusieurs articles",
    ),
    "too_many_abbreviations": (
        "erreur",
        "l'article définit plus de {limit} abréviations « *[…] : »",
        "gardez les abréviations utiles, ou découpez l'article en plusieurs articles",
    ),
    "backticks_unclosed": (
        "erreur",
        "ce paragraphe contient trop d'accents graves « ` » qui ne sont pas refermés ; la mise en page prendrait des minutes",
        "du code s'écrit entre deux « ` » (`code`) ; retirez les accents graves qui ne servent pas",
    ),
}
