#!/usr/bin/env python3
"""Generate realistic, messy French articles to benchmark the site.

Each article looks like what writers send (see the seed article in
``docs/blog/posts/``): front matter keys in French or English with varied
case, accents and a space before the colon, dates written a dozen ways,
reading times as text, authors and tags with inconsistent spellings, broken
image markup, a ``# Title`` heading in the body, long paragraphs of business
prose. Every variant stays within what the site's normaliser accepts, so a
generated set builds; the referenced images do not exist, on purpose.

Deterministic: the same seed gives byte-identical files, and article ``i``
is the same whatever the number of articles requested (each article has its
own random generator; titles and file names are only made unique against the
articles before it). No two articles share a URL: titles are unique once
slugified (accents folded, punctuation dropped, cut at 80 characters).

Library::

    from generate_articles import generate
    for name, content in generate(500, seed=1):
        ...

Command line::

    python bench/generate_articles.py --count 5000 --seed 0 --out /tmp/site/docs/blog/posts

Standard library only.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import functools
import itertools
import json
import random
import re
import sys
import time
import unicodedata
from pathlib import Path

__all__ = ["generate", "main"]

# ---------------------------------------------------------------------------
# Data: front matter
# ---------------------------------------------------------------------------

# Canonical field -> (spelling, weight). Every spelling is an alias the
# normaliser knows (articles/keys.py), up to case, accents and spaces.
_KEY_SPELLINGS: dict[str, list[tuple[str, int]]] = {
    "title": [("title", 40), ("Title", 8), ("titre", 25), ("Titre", 12), ("TITRE", 2), ("titre ", 2)],
    "date": [
        ("date", 50),
        ("Date", 12),
        ("publié le", 6),
        ("Publié le", 3),
        ("publie le", 3),
        ("published", 4),
        ("publication", 4),
        ("Date de publication", 3),
        ("DATE", 1),
    ],
    "authors": [
        ("author", 30),
        ("Author", 5),
        ("auteur", 22),
        ("Auteur", 10),
        ("authors", 8),
        ("auteurs", 6),
        ("Auteurs", 3),
        ("par", 4),
        ("Par", 2),
        ("auteure", 2),
        ("rédigé par", 2),
        ("AUTEUR", 1),
    ],
    "categories": [
        ("categories", 35),
        ("category", 8),
        ("catégorie", 12),
        ("Catégorie", 5),
        ("catégories", 10),
        ("Catégories", 4),
        ("categorie", 4),
        ("rubrique", 8),
        ("Rubrique", 3),
    ],
    "tags": [
        ("tags", 40),
        ("Tags", 8),
        ("tag", 5),
        ("mots-clés", 10),
        ("mots clés", 6),
        ("Mots-clés", 4),
        ("mots cles", 3),
        ("keywords", 5),
        ("étiquettes", 4),
        ("Etiquettes", 2),
    ],
    "readtime": [
        ("readtime", 15),
        ("temps de lecture", 20),
        ("Temps de lecture", 8),
        ("durée de lecture", 20),
        ("Durée de lecture", 6),
        ("duree de lecture", 4),
        ("durée", 6),
        ("reading time", 5),
        ("reading_time", 2),
    ],
    "description": [
        ("description", 35),
        ("Description", 6),
        ("résumé", 12),
        ("Résumé", 5),
        ("resume", 3),
        ("excerpt", 6),
        ("summary", 5),
        ("chapô", 5),
        ("chapo", 3),
    ],
    "image": [("image", 40), ("Image", 5), ("cover", 12), ("illustration", 15), ("Illustration", 4), ("visuel", 10)],
    "draft": [("draft", 60), ("brouillon", 30), ("Brouillon", 10)],
}

_DRAFT_VALUES = [("true", 50), ("True", 15), ("yes", 10), ("oui", 15), ("Oui", 5)]

# Canonical display name -> spellings seen in articles.
_AUTHORS: list[list[str]] = [
    ["Amélie", "Amelie", "amélie", "amelie"],
    ["Hélène Dupont", "Helene Dupont", "hélène dupont"],
    ["Jérôme Lefèvre", "Jerome Lefevre", "Jérôme Lefevre"],
    ["François Girard", "Francois Girard"],
    ["Céline Moreau", "Celine Moreau", "céline moreau"],
    ["Thomas Bernard", "thomas bernard", "Thomas BERNARD"],
    ["Léa Rousseau", "Lea Rousseau"],
    ["Nicolas Petit", "Nicolas petit"],
    ["Sophie Garnier", "sophie garnier"],
    ["Éric Fontaine", "Eric Fontaine", "Éric FONTAINE"],
    ["Chloé Lambert", "Chloe Lambert"],
    ["Julien Mercier", "Julien mercier"],
]
_AUTHOR_JOINERS = [" et ", ", ", " & ", " et ", "; "]

# Canonical tag -> variants differing by case, accents or stray spaces only.
_TAGS: list[list[str]] = [
    ["IA", "ia", "Ia"],
    ["Marketing", "marketing", "marketing ", "MARKETING"],
    ["Ventes", "ventes", "VENTES"],
    ["Événementiel", "evenementiel", "événementiel", "Evenementiel"],
    ["CRM", "crm"],
    ["Prospection", "prospection", "Prospection "],
    ["Stratégie", "stratégie", "strategie"],
    ["Actualité", "actualité", "actualite"],
    ["Article", "article"],
    ["Inbound marketing", "inbound marketing", "Inbound Marketing"],
    ["Marketing digital", "marketing digital", "Marketing Digital"],
    ["Réseaux sociaux", "réseaux sociaux", "reseaux sociaux"],
    ["LinkedIn", "linkedin", "Linkedin"],
    ["Emailing", "emailing", "eMailing"],
    ["SEO", "seo"],
    ["Contenu", "contenu"],
    ["Fidélisation", "fidélisation", "fidelisation"],
    ["Expérience client", "expérience client", "experience client"],
    ["Génération de leads", "génération de leads", "generation de leads"],
    ["Social selling", "social selling", "Social Selling"],
    ["Salons", "salons"],
    ["Webinar", "webinar"],
    ["Négociation", "négociation", "negociation"],
    ["Relation client", "relation client", "Relation Client"],
    ["Data", "data"],
    ["RGPD", "rgpd"],
    ["Automatisation", "automatisation"],
    ["Marketing automation", "marketing automation"],
    ["ABM", "abm"],
    ["Pricing", "pricing"],
    ["Formation", "formation"],
    ["Management", "management"],
    ["Recrutement", "recrutement"],
    ["Onboarding", "onboarding"],
    ["KPI", "kpi", "Kpi"],
    ["Branding", "branding"],
    ["Communication", "communication"],
    ["Partenariats", "partenariats"],
    ["Export", "export"],
    ["B2B", "b2b"],
    ["Newsletter", "newsletter"],
    ["Vidéo", "vidéo", "video"],
    ["Études de cas", "études de cas", "etudes de cas"],
    ["Témoignage client", "témoignage client"],
]

_CATEGORIES: list[list[str]] = [
    ["Articles", "articles", "ARTICLES"],
    ["Méthodes", "méthodes", "Methodes"],
    ["Retours d'expérience", "retours d'expérience", "Retours d’expérience", "Retours d'experience"],
    ["Actualités", "actualités", "Actualites"],
    ["Outils", "outils"],
    ["Événements", "événements", "Evenements"],
    ["Guides", "guides"],
    ["Études", "études", "Etudes"],
]

# ---------------------------------------------------------------------------
# Data: prose
# ---------------------------------------------------------------------------

_ACTIONS = [
    "aligner le marketing et les ventes",
    "qualifier ses leads",
    "raccourcir le cycle de vente",
    "fidéliser ses clients",
    "préparer un salon professionnel",
    "réussir sa prospection sur LinkedIn",
    "rédiger un e-mail de prospection efficace",
    "mesurer le ROI de ses campagnes",
    "construire ses buyer personas",
    "choisir son CRM",
    "relancer un prospect sans être intrusif",
    "animer un webinar qui convertit",
    "défendre ses prix en négociation",
    "augmenter le panier moyen",
    "structurer son plan marketing annuel",
    "recruter un bon commercial",
    "intégrer un nouveau commercial",
    "utiliser l'IA générative en prospection",
    "segmenter sa base de données clients",
    "améliorer le taux d'ouverture de ses newsletters",
    "soigner l'expérience client",
    "réussir le lancement d'un produit",
    "organiser un événement client",
    "piloter son pipeline commercial",
    "fiabiliser ses prévisions de ventes",
    "traiter les objections",
    "automatiser ses relances",
    "développer sa visibilité sur LinkedIn",
    "valoriser sa marque employeur",
    "lancer un programme de parrainage",
    "prospecter en respectant le RGPD",
    "construire un tableau de bord commercial",
    "répondre à un appel d'offres",
    "convaincre un grand compte",
    "préparer un rendez-vous client",
    "exploiter ses études de cas",
    "optimiser son référencement naturel",
    "produire des contenus qui convertissent",
    "lancer une newsletter B2B",
    "se lancer dans la vidéo B2B",
    "motiver ses équipes commerciales",
    "fixer des objectifs commerciaux réalistes",
    "réduire le coût d'acquisition client",
    "mettre en place le lead scoring",
    "travailler avec ses distributeurs",
    "conquérir de nouveaux marchés à l'export",
    "animer une communauté de clients",
    "réactiver les clients inactifs",
    "transformer un salon en rendez-vous qualifiés",
    "faire adopter le CRM par les commerciaux",
    "écrire une proposition commerciale convaincante",
    "suivre la satisfaction client",
    "mieux exploiter les avis clients",
    "former ses commerciaux à la vente consultative",
]

_TOPICS = [
    "le social selling",
    "l'inbound marketing",
    "le marketing automation",
    "l'account-based marketing",
    "la prospection téléphonique",
    "le lead scoring",
    "l'IA générative",
    "le CRM",
    "le marketing événementiel",
    "la fidélisation client",
    "l'expérience client",
    "le smarketing",
    "la donnée client",
    "le marketing de contenu",
    "le référencement naturel",
    "les salons professionnels",
    "le webinar",
    "la négociation commerciale",
    "la politique tarifaire",
    "la marque employeur",
    "l'emailing",
    "le customer success",
    "la vente consultative",
    "le growth marketing",
    "la communication interne",
    "le parrainage client",
    "les avis clients",
    "le marketing d'influence",
    "la vente à distance",
    "le key account management",
    "le plan de prospection",
    "le tunnel de conversion",
    "le cycle d'achat B2B",
    "la relation client",
    "les réseaux sociaux",
    "l'onboarding client",
    "le RGPD",
    "le pricing dynamique",
    "la veille concurrentielle",
    "le brand content",
]

_OBJECTS = [
    "le taux de conversion",
    "la relation client",
    "le parcours d'achat",
    "les leads entrants",
    "le pipeline commercial",
    "l'expérience client",
    "la stratégie de contenu",
    "les campagnes d'emailing",
    "le cycle de vente",
    "la notoriété de la marque",
    "le panier moyen",
    "le chiffre d'affaires",
    "les opportunités commerciales",
    "la prospection",
    "les buyer personas",
    "la fidélisation",
    "le taux d'ouverture",
    "le coût d'acquisition client",
    "la marge",
    "les rendez-vous qualifiés",
    "l'offre de services",
    "la présence sur LinkedIn",
    "le retour sur investissement",
    "les données clients",
    "les argumentaires de vente",
    "les process internes",
    "la base de prospects",
    "les remontées du terrain",
    "les objectifs trimestriels",
    "la satisfaction client",
    "les partenariats",
    "les contenus premium",
    "le discours commercial",
    "les priorités de l'équipe",
    "les indicateurs de performance",
    "le plan d'actions",
]

_VERBS = [
    ("améliore", "améliorent"),
    ("optimise", "optimisent"),
    ("renforce", "renforcent"),
    ("alimente", "alimentent"),
    ("qualifie", "qualifient"),
    ("pilote", "pilotent"),
    ("priorise", "priorisent"),
    ("analyse", "analysent"),
    ("mesure", "mesurent"),
    ("anticipe", "anticipent"),
    ("personnalise", "personnalisent"),
    ("accélère", "accélèrent"),
    ("structure", "structurent"),
    ("automatise", "automatisent"),
    ("suit de près", "suivent de près"),
    ("repense", "repensent"),
    ("valorise", "valorisent"),
    ("enrichit", "enrichissent"),
    ("simplifie", "simplifient"),
    ("partage", "partagent"),
    ("documente", "documentent"),
    ("challenge", "challengent"),
    ("revoit", "revoient"),
]

_SUBJECTS_SG = [
    "l'équipe marketing",
    "l'équipe commerciale",
    "le service client",
    "la direction commerciale",
    "le responsable marketing",
    "chaque commercial",
    "l'entreprise",
    "la force de vente",
    "le manager",
    "notre équipe",
    "le chargé d'affaires",
    "le business developer",
    "le marketing",
    "la direction générale",
    "le community manager",
    "l'équipe customer success",
]
_SUBJECTS_PL = [
    "les équipes commerciales",
    "les commerciaux",
    "les directions marketing",
    "les responsables grands comptes",
    "les PME",
    "les marketeurs",
    "les managers",
    "les SDR",
    "les entreprises",
    "les équipes terrain",
    "les chefs de produit",
    "les agences",
    "les start-up",
    "les ETI",
    "les équipes marketing",
]

_COMPLEMENTS = [
    "",
    "",
    "",
    "",
    " au quotidien",
    " sur le terrain",
    " dès le premier contact",
    " tout au long du cycle de vente",
    " grâce au CRM",
    " à chaque étape du tunnel de conversion",
    " en s'appuyant sur les données",
    " sans alourdir les process",
    " d'un trimestre à l'autre",
    " avec des objectifs partagés",
    " en lien avec la direction",
    " de manière plus fine",
    " en temps réel",
    " chaque semaine",
    " depuis la crise sanitaire",
    " en amont des rendez-vous",
    " sans multiplier les outils",
    " à moindre coût",
]

_CONNECTORS = [
    "Ainsi",
    "Par ailleurs",
    "En pratique",
    "Concrètement",
    "De plus",
    "Pourtant",
    "En effet",
    "Dans ce contexte",
    "Autrement dit",
    "À l'inverse",
    "Aujourd'hui",
    "Depuis quelques années",
    "Au final",
    "En somme",
    "Bien sûr",
    "Pour autant",
    "D'ailleurs",
    "Dans les faits",
    "Par conséquent",
    "Toutefois",
    "Cela dit",
    "Sur le terrain",
    "En parallèle",
    "Enfin",
    "A l'heure actuelle",
]

# Longer sentences, written out: the prose of real articles has them, and
# one draw for thirty words keeps 5,000 articles fast to generate.
_LONG_SENTENCES = [
    "Au sein de l'organisation interne d'une entreprise, on distingue souvent deux pôles essentiels, le pôle commercial et le pôle marketing, dont les missions sont censées converger vers le même objectif.",
    "Dans la pratique, les directions marketing et commerciales interagissent encore trop peu au quotidien, alors que leurs indicateurs dépendent largement les uns des autres.",
    "Il ne revient plus seulement au département marketing de générer des leads, tout comme il ne revient plus seulement au service commercial de faire croître le chiffre d'affaires.",
    "Sachant que la première étape d'un achat passe aujourd'hui presque toujours par une recherche sur Internet et sur les réseaux sociaux, il convient d'additionner les forces plutôt que de les opposer.",
    "Cette collaboration engendre une meilleure diffusion des informations, une meilleure gestion des prospects et une marge de manœuvre plus confortable sur les opportunités commerciales.",
    "Les attentes des prospects et des clients sont mieux ciblées, le temps gagné en rendez-vous est visible et la personnalisation des échanges progresse nettement.",
    "Pour créer un contenu qui répond aux attentes des clients, il faut avant tout comprendre ce qui mène à la décision d'achat, étape par étape, et ce qui la freine.",
    "Ce n'est pas tant la fréquence de publication ou le nombre de contenus publiés qui importe que leur capacité à répondre, au bon moment, aux questions que se posent les acheteurs.",
    "Le décideur est attaché à sa liberté de choix, mais il souhaite tout de même trouver rapidement et facilement les réponses à ses questions, sans avoir à relancer trois interlocuteurs.",
    "Une fois le processus de vente modélisé, analysé et optimisé, il reste à s'appuyer sur les failles constatées pour les combler, en commençant par celles qui coûtent le plus cher.",
    "Un commercial passe encore en moyenne moins d'un tiers de son temps à vendre réellement, le reste étant absorbé par l'administratif, la saisie dans le CRM et la préparation des rendez-vous.",
    "La tentation est grande de multiplier les outils, mais chaque nouvel outil ajoute une saisie, un identifiant et une source de données de plus à réconcilier en fin de mois.",
    "Les équipes qui réussissent le mieux sont souvent celles qui se fixent peu d'indicateurs, mais qui les suivent avec rigueur chaque semaine et en tirent des décisions concrètes.",
    "Lors d'un salon professionnel, l'essentiel se joue avant et après l'événement : la prise de rendez-vous en amont et la relance dans les quarante-huit heures font toute la différence.",
    "Un prospect qui a téléchargé un livre blanc n'est pas forcément prêt à acheter, d'où l'intérêt d'un scoring partagé entre le marketing et les ventes pour éviter les appels prématurés.",
    "La fidélisation coûte en général cinq à sept fois moins cher que la conquête, ce qui justifie de consacrer une part réelle du budget aux clients existants plutôt qu'aux seuls nouveaux comptes.",
    "Dans un cycle de vente B2B, on compte désormais six à dix personnes impliquées dans la décision, chacune avec ses propres critères, ses objections et son calendrier.",
    "Le rôle du manager commercial évolue lui aussi : il passe moins de temps à contrôler l'activité et davantage à accompagner ses équipes sur les opportunités les plus complexes.",
    "Les données issues du CRM ne valent que par leur qualité, et une base mal renseignée fausse rapidement les prévisions, les priorités et, au bout du compte, les objectifs.",
    "Les contenus les plus efficaces sont rarement les plus longs : une étude de cas claire, chiffrée et signée par un client reconnu convainc souvent mieux qu'une brochure de vingt pages.",
    "Le RGPD n'interdit pas la prospection B2B par e-mail, à condition que le message soit en rapport avec la fonction du destinataire et qu'il puisse se désinscrire simplement.",
    "L'intelligence artificielle générative ne remplace pas le commercial, mais elle l'aide à préparer ses rendez-vous, à résumer ses échanges et à rédiger des relances plus personnalisées.",
    "Les avis clients sont devenus un passage obligé : la plupart des acheteurs les consultent avant même de contacter un fournisseur, y compris dans les secteurs les plus techniques.",
    "Un webinar réussi tient en trois éléments : un sujet qui répond à une vraie question du marché, un intervenant crédible et une relance personnalisée envoyée dès le lendemain.",
    "Les objectifs commerciaux gagnent à être construits avec les équipes plutôt qu'imposés, faute de quoi ils sont perçus comme irréalistes et perdent rapidement leur pouvoir de motivation.",
    "La cohérence du discours entre le site web, les réseaux sociaux et les rendez-vous commerciaux rassure le prospect et raccourcit sensiblement le temps nécessaire pour conclure.",
    "Chaque objection entendue sur le terrain est une information précieuse pour le marketing, à condition qu'elle soit remontée, partagée et traitée dans les supports de vente.",
    "La vente consultative consiste à comprendre le problème du client avant de présenter une solution, ce qui suppose d'écouter davantage que de parler pendant le premier rendez-vous.",
    "Le lancement d'un nouveau produit se prépare plusieurs mois à l'avance, avec les équipes commerciales, pour que l'argumentaire, les prix et les supports soient prêts le jour J.",
    "Le prix n'est presque jamais la seule raison d'une perte : délais, qualité du suivi, confiance dans l'interlocuteur et clarté de la proposition pèsent au moins autant dans la balance.",
]

_SOURCES = [
    "le baromètre Companeo",
    "une étude HubSpot",
    "Gartner",
    "une enquête IFOP",
    "le cabinet McKinsey",
    "notre étude interne",
    "Salesforce",
    "le Journal du Net",
    "Forrester",
    "Statista",
    "l'INSEE",
    "une étude LinkedIn",
    "Bpifrance",
    "Médiamétrie",
    "Deloitte",
    "l'observatoire de la relation client",
]
_POPULATIONS = [
    "entreprises",
    "décideurs B2B",
    "acheteurs professionnels",
    "équipes commerciales",
    "PME françaises",
    "directeurs marketing",
    "consommateurs",
    "prospects",
    "ETI",
    "commerciaux interrogés",
    "responsables achats",
    "dirigeants de TPE",
]
_STAT_PREDICATES = [
    "déclarent avoir augmenté leur budget marketing",
    "estiment que l'alignement entre ventes et marketing est une priorité",
    "utilisent un CRM au quotidien",
    "consultent au moins trois contenus avant de contacter un commercial",
    "ont déjà recours à l'intelligence artificielle",
    "jugent la prospection téléphonique moins efficace qu'avant",
    "prévoient de recruter des commerciaux en {year}",
    "préfèrent un premier échange par e-mail",
    "participent à au moins un salon par an",
    "ne relancent jamais un prospect plus de deux fois",
    "considèrent LinkedIn comme leur premier canal d'acquisition",
    "disent manquer de leads qualifiés",
    "mesurent le retour sur investissement de leurs événements",
    "ont réduit leur cycle de vente depuis {year}",
    "font confiance aux avis clients avant un achat",
    "avouent ne pas avoir de stratégie de contenu formalisée",
]
_COMPANIES = [
    "une PME lyonnaise",
    "un éditeur SaaS nantais",
    "un distributeur bordelais",
    "une ETI de l'agroalimentaire",
    "un cabinet de conseil parisien",
    "un industriel alsacien",
    "un de nos clients",
    "une start-up rennaise",
    "un réseau de franchises",
    "un grossiste lillois",
    "une agence marseillaise",
    "un fabricant de mobilier de bureau",
    "une mutuelle régionale",
    "un transporteur toulousain",
]
_UP_METRICS = [
    "son taux de conversion",
    "son chiffre d'affaires",
    "son panier moyen",
    "le nombre de rendez-vous qualifiés",
    "son taux de transformation",
    "le taux d'ouverture de ses e-mails",
    "le volume de leads entrants",
    "sa part de marché",
    "le taux de réachat",
    "sa marge brute",
]
_DOWN_METRICS = [
    "son coût d'acquisition client",
    "la durée de son cycle de vente",
    "son taux d'attrition",
    "le délai de réponse aux demandes entrantes",
    "le nombre de devis perdus",
]
_QUOTES = [
    "On ne vend plus un produit, on accompagne une décision",
    "Le CRM n'est utile que s'il est rempli",
    "Nos meilleurs leads viennent des recommandations clients",
    "Un salon se prépare trois mois à l'avance",
    "La donnée ne remplace pas l'intuition du terrain, elle la complète",
    "Chaque relance doit apporter quelque chose au prospect",
    "Le marketing et les ventes parlent enfin le même langage",
    "On a divisé par deux le temps passé à qualifier les leads",
    "Un client satisfait est notre meilleur commercial",
    "Il faut accepter de perdre certains deals pour mieux gagner les bons",
    "Nos commerciaux passent moins de temps à chercher l'information et plus de temps avec les clients",
]
# (name, job): jobs agree with the person.
_SPEAKERS = [
    ("Claire", "directrice marketing"),
    ("Antoine", "directeur des ventes"),
    ("Isabelle", "chargée de communication"),
    ("Mathieu", "business developer"),
    ("Nadia", "responsable grands comptes"),
    ("Olivier", "chef de produit"),
    ("Sandrine", "customer success manager"),
    ("Karim", "responsable e-commerce"),
    ("Aurélie", "directrice commerciale"),
    ("Benoît", "responsable marketing"),
    ("Yasmine", "cheffe de projet"),
    ("Laurent", "directeur général"),
]
_SALONS = [
    "VivaTech",
    "Big Data & AI Paris",
    "E-Marketing Paris",
    "SIAL",
    "Batimat",
    "Salon des Entrepreneurs",
    "Tech Show Paris",
    "Global Industrie",
    "Equip Auto",
    "Sirha",
]
_EVENTS = [
    "notre stand au salon {salon} {year}",
    "six mois de social selling",
    "le lancement de notre nouvelle offre",
    "notre premier webinar",
    "la refonte de notre CRM",
    "notre séminaire commercial {year}",
    "un an d'account-based marketing",
    "notre convention clients {year}",
    "la migration vers un nouvel outil d'emailing",
]
_KPIS = [
    "Taux de conversion",
    "Leads qualifiés",
    "Taux d'ouverture",
    "Panier moyen",
    "Coût par lead",
    "Rendez-vous obtenus",
    "Taux de réponse",
    "Chiffre d'affaires (k€)",
    "Clients actifs",
    "NPS",
]
_LINKS = [
    ("le baromètre Companeo", "https://www.companeo.com/barometre"),
    ("l'étude HubSpot", "https://www.hubspot.fr/marketing-statistics"),
    ("le guide de la CNIL sur la prospection", "https://www.cnil.fr/fr/la-prospection-commerciale-par-courrier-electronique"),
    ("les chiffres de l'INSEE", "https://www.insee.fr/fr/statistiques"),
    ("cet article du Journal du Net", "https://www.journaldunet.com/marketing/"),
    ("la page LinkedIn Sales Solutions", "https://business.linkedin.com/fr-fr/sales-solutions"),
    ("le site de Bpifrance", "https://www.bpifrance.fr/"),
    ("la documentation de notre CRM", "https://help.salesforce.com/s/?language=fr"),
]
_IMAGE_ALTS = [
    "illustartion article",
    "illustration",
    "photo équipe commerciale",
    "schéma",
    "graphique des ventes",
    "",
    "image",
    "visuel article",
    "réunion d'équipe",
    "capture CRM",
    "infographie",
]
_IMAGE_TITLES = ["illustartion", "Source : Unsplash", "Crédit photo : Unsplash", "schéma", "photo", "graphique"]
_IMAGE_EXTS = [("jpeg", 4), ("jpg", 6), ("png", 4), ("JPG", 1), ("webp", 1)]

_HEADINGS = [
    "Définition {de_topic}",
    "Pourquoi {action}{q}",
    "Les {n} erreurs à éviter",
    "{Topic} : les bonnes pratiques",
    "Le rôle {de_topic}",
    "Retour d'expérience",
    "Les chiffres clés",
    "Nos conseils pour {action}",
    "Comment {action}{q}",
    "Quels outils pour {action}{q}",
    "{Topic}, un levier sous-estimé",
    "Ce que disent les chiffres",
    "Mettre en place {topic}",
    "Les limites {de_topic}",
    "Un enjeu pour {subjects}",
    "{Action} : par où commencer{q}",
    "{n} questions à se poser",
    "L'avis du terrain",
]
_TITLE_SUFFIXES = [
    " (suite)",
    " : notre retour d'expérience",
    " – édition {year}",
    " (partie 2)",
    " en {year}",
    " : {n} exemples concrets",
    " : le point de vue terrain",
    " (mise à jour {year})",
]
_FILE_STOP_WORDS = {
    "le",
    "la",
    "les",
    "l",
    "un",
    "une",
    "des",
    "de",
    "du",
    "d",
    "et",
    "en",
    "a",
    "au",
    "aux",
    "pour",
    "sur",
    "sa",
    "son",
    "ses",
    "qu",
    "que",
    "est",
    "ce",
    "se",
}

_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
_MONTHS_SHORT = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
_WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]

_FIRST_DAY = dt.date(2018, 1, 1).toordinal()
_LAST_DAY = dt.date(2026, 12, 31).toordinal()
# Dates stay in the past (a future date holds an article back) without
# changing the random draws, so the same seed gives the same articles.
_LATEST_DAY = dt.date(2025, 12, 31)
_SLUG_MAX = 80  # articles/slugs.py cuts slugs at 80 characters
_MIN_WORDS, _MAX_WORDS = 300, 3000

# ---------------------------------------------------------------------------
# Helper functions
# ---------------------------------------------------------------------------

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"})
_COMBINING = re.compile(r"[\u0300-\u036f]")  # accents left by NFKD on French text
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_VOWEL_START = re.compile(r"^[aeiouyhàâéèêëîïôûAEIOUYHÀÂÉÈÊÎÔÛ]")
_YAML_PLAIN_UNSAFE = re.compile(r"^[-?:,\[\]{}#&*!|>'\"%@`\s]|: |\s#|:$|\s$|[\t\n]")
_YAML_RESERVED = re.compile(r"^(?:true|false|yes|no|on|off|y|n|null|~|[-+]?[0-9][0-9_.,:]*|\d{4}-\d\d?-\d\d?.*)$", re.IGNORECASE)
_FLOW_UNSAFE = re.compile(r"[,\[\]{}#]")


def _fold(text: str) -> str:
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text.translate(_LIGATURES)))


def _slugify(text: str) -> str:
    """Same rule as the site (articles/slugs.py): folded, hyphenated, cut at 80."""
    slug = _NOT_ALNUM.sub("-", _fold(text).casefold()).strip("-")
    if len(slug) > _SLUG_MAX:
        slug = slug[:_SLUG_MAX].rsplit("-", 1)[0]
    return slug


def _url_key(title: str) -> str:
    # Separators dropped too: two titles with different keys get different
    # slugs under any slugifier that folds accents or keeps them.
    return _slugify(title).replace("-", "")


_KEEP_ALIVE: list[object] = []
_CUMULATIVE: dict[int, tuple[list[str], list[int], int]] = {}


def _weighted(rng: random.Random, pairs: list[tuple[str, int]]) -> str:
    """One value of (value, weight) pairs; the pairs are module constants."""
    table = _CUMULATIVE.get(id(pairs))
    if table is None:
        cumulative = list(itertools.accumulate(weight for _, weight in pairs))
        table = _CUMULATIVE[id(pairs)] = ([value for value, _ in pairs], cumulative, cumulative[-1])
        _KEEP_ALIVE.append(pairs)  # ids stay valid while cached
    values, cumulative, total = table
    return values[bisect.bisect(cumulative, rng.random() * total)]


@functools.cache
def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


@functools.cache
def _de(text: str) -> str:
    """``de`` before an infinitive or a noun phrase: d'aligner, du CRM, de la marge."""
    if text.startswith("le "):
        return "du " + text[3:]
    if text.startswith("les "):
        return "des " + text[4:]
    if text.startswith(("la ", "l'")):
        return "de " + text
    return ("d'" if _VOWEL_START.match(text) else "de ") + text


@functools.cache
def _a(text: str) -> str:
    """``à`` before a noun phrase: au CRM, aux salons, à la marge."""
    if text.startswith("le "):
        return "au " + text[3:]
    if text.startswith("les "):
        return "aux " + text[4:]
    return "à " + text


def _yaml_scalar(rng: random.Random, value: str, plain_weight: int = 5) -> str:
    """A YAML string, plain when that is safe, else double or single quoted."""
    plain_ok = not _YAML_PLAIN_UNSAFE.search(value) and not _YAML_RESERVED.match(value)
    style = rng.choices(["plain", "double", "single"], weights=[plain_weight if plain_ok else 0, 5, 1])[0]
    if style == "plain":
        return value
    if style == "single":
        return "'" + value.replace("'", "''") + "'"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _toml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _toml_string(key)


def _paris_offset(day: dt.date) -> str:
    """+02:00 during French summer time (last Sunday of March to last Sunday of October)."""

    def last_sunday(month: int) -> dt.date:
        last = dt.date(day.year, month, 31)
        return last - dt.timedelta(days=(last.weekday() + 1) % 7)

    return "+02:00" if last_sunday(3) <= day < last_sunday(10) else "+01:00"


def _day_text(day: int, first_suffix: bool) -> str:
    return "1er" if day == 1 and first_suffix else str(day)


# ---------------------------------------------------------------------------
# Article generation
# ---------------------------------------------------------------------------


class _Prose:
    """Sentences, paragraphs and sections for one article, in its own style."""

    def __init__(self, rng: random.Random, topic: str, action: str) -> None:
        self.rng = rng
        self.topic = topic
        self.action = action
        self.space_before_question = rng.choices([" ", "", "\u00a0"], weights=[6, 3, 1])[0]
        self.sloppy = rng.random() < 0.3  # sometimes forgets the space before ? and !
        self.percent = rng.choices([" %", "%", "\u00a0%", "\u202f%"], weights=[6, 3, 2, 1])[0]
        self.quotes = rng.choice([("« ", " »"), ("«\u00a0", "\u00a0»"), ('"', '"'), ("«", "»")])
        self.bold_rate = rng.choice([0.0, 0.03, 0.06, 0.1])
        self.random = random_ = rng.random
        # ``random()`` and indexing rather than ``choice``: several times
        # faster, and the prose makes most of the random draws.
        self.pick = lambda seq: seq[int(random_() * len(seq))]
        self.headings: set[str] = set()

    # -- small pieces -------------------------------------------------------

    def year(self) -> int:
        return 2015 + int(self.random() * 11)

    def mark(self, char: str) -> str:
        if self.sloppy and self.random() < 0.4:
            return char
        return self.space_before_question + char

    def pct(self) -> str:
        random_ = self.random
        if random_() < 0.2:
            return f"{10 + int(random_() * 86)},{1 + int(random_() * 9)}{self.percent}"
        return f"{3 + int(random_() * 95)}{self.percent}"

    def money(self) -> str:
        rng = self.rng
        form = rng.randrange(4)
        if form == 0:
            return f"{rng.randint(1, 99)} {rng.randint(0, 9)}00 €"
        if form == 1:
            return f"{rng.randint(2, 900)} 000 euros"
        if form == 2:
            return f"{rng.randint(1, 9)},{rng.randint(1, 9)} M€"
        return f"{rng.randint(2, 40)} millions d'euros"

    def a_topic(self) -> str:
        return self.topic if self.random() < 0.45 else self.pick(_TOPICS)

    def an_action(self) -> str:
        return self.action if self.random() < 0.3 else self.pick(_ACTIONS)

    # -- sentences ----------------------------------------------------------

    def sentence(self) -> str:
        return self._SENTENCES[int(self.random() * len(self._SENTENCES))](self)

    def _obj(self) -> str:
        obj = self.pick(_OBJECTS)
        return f"**{obj}**" if self.random() < self.bold_rate else obj

    def _s_connector_sg(self) -> str:
        pick = self.pick
        return f"{pick(_CONNECTORS)}, {pick(_SUBJECTS_SG)} {pick(_VERBS)[0]} {self._obj()}{pick(_COMPLEMENTS)}."

    def _s_plural(self) -> str:
        pick = self.pick
        return f"{_cap(pick(_SUBJECTS_PL))} {pick(_VERBS)[1]} {self._obj()}{pick(_COMPLEMENTS)}."

    def _s_source(self) -> str:
        pick = self.pick
        stat = pick(_STAT_PREDICATES).format(year=self.year())
        return f"Selon {pick(_SOURCES)}, {self.pct()} des {pick(_POPULATIONS)} {stat}."

    def _s_how(self) -> str:
        return f"Comment {self.an_action()}{self.mark('?')}"

    def _s_first(self) -> str:
        return f"Pour {self.an_action()}, il faut d'abord {self.pick(_ACTIONS)}{self.pick(_COMPLEMENTS)}."

    def _s_allows(self) -> str:
        return f"{_cap(self.a_topic())} permet notamment {_de(self.pick(_ACTIONS))} et {_de(self.pick(_ACTIONS))}."

    def _s_company(self) -> str:
        pick = self.pick
        if self.random() < 0.7:
            verb = pick(("augmenté", "amélioré", "fait progresser"))
            return f"En {self.year()}, {pick(_COMPANIES)} a {verb} {pick(_UP_METRICS)} de {self.pct()}."
        verb = pick(("réduit", "fait baisser"))
        return f"En {self.year()}, {pick(_COMPANIES)} a {verb} {pick(_DOWN_METRICS)} de {self.pct()}."

    def _s_not_enough(self) -> str:
        return f"Il ne suffit pas {_de(self.an_action())} : encore faut-il {self.pick(_ACTIONS)}{self.pick(_COMPLEMENTS)}."

    def _s_enters(self) -> str:
        return f"C'est là que {self.a_topic()} entre en jeu{self.mark('!')}"

    def _s_whole(self) -> str:
        return f"Le tout est {_de(self.an_action())} sans perdre de vue {self._obj()}."

    def _s_should(self) -> str:
        return f"Faut-il pour autant {self.pick(_ACTIONS)}{self.mark('?')}"

    def _s_only_if(self) -> str:
        pick = self.pick
        return (
            f"Autrement dit, {self.a_topic()} ne fonctionne que si {pick(_SUBJECTS_PL)} "
            f"{pick(_VERBS)[1]} {self._obj()}{pick(_COMPLEMENTS)}."
        )

    def _s_at(self) -> str:
        pick = self.pick
        verb = pick(_VERBS)[1]
        verb = verb.replace(" ", " désormais ", 1) if " " in verb else verb + " désormais"
        return f"Chez {pick(_COMPANIES)}, {pick(_SUBJECTS_PL)} {verb} {self._obj()}{pick(_COMPLEMENTS)}."

    def _s_which_allows(self) -> str:
        pick = self.pick
        return f"{_cap(pick(_SUBJECTS_SG))} {pick(_VERBS)[0]} {self._obj()}{pick(_COMPLEMENTS)}, ce qui permet {_de(pick(_ACTIONS))}."

    def _s_levers(self) -> str:
        return f"Quels leviers activer pour {self.an_action()}{self.mark('?')}"

    def _s_without(self) -> str:
        return f"Sans {self.a_topic()}, difficile {_de(self.pick(_ACTIONS))}{self.mark('!')}"

    def _s_budget(self) -> str:
        return f"Le budget consacré {_a(self.a_topic())} atteint {self.money()} par an chez {self.pick(_COMPANIES)}."

    def _s_share(self) -> str:
        pick = self.pick
        stat = pick(_STAT_PREDICATES).format(year=self.year())
        return f"{self.pct()} : c'est la part des {pick(_POPULATIONS)} qui {stat}."

    def _s_talk(self) -> str:
        return f"On parle d'ailleurs de plus en plus {_de(self.a_topic())}, et pour cause."

    def _s_quote(self) -> str:
        pick = self.pick
        opening, closing = self.quotes
        name, job = pick(_SPEAKERS)
        return f"{opening}{pick(_QUOTES)}{closing}, explique {name}, {job} chez {pick(_COMPANIES)}."

    def _s_result(self) -> str:
        return f"Résultat : {self.pct()} de rendez-vous qualifiés en plus en {2 + int(self.random() * 17)} mois{self.mark('!')}"

    def _s_connector_pl(self) -> str:
        pick = self.pick
        return f"{pick(_CONNECTORS)}, {pick(_SUBJECTS_PL)} {pick(_VERBS)[1]} {self._obj()} pour {pick(_ACTIONS)}."

    def _s_long(self) -> str:
        return self.pick(_LONG_SENTENCES)

    _SENTENCES = (
        _s_long,
        _s_long,
        _s_long,
        _s_long,
        _s_long,
        _s_long,
        _s_long,
        _s_connector_sg,
        _s_plural,
        _s_source,
        _s_how,
        _s_first,
        _s_allows,
        _s_company,
        _s_not_enough,
        _s_enters,
        _s_whole,
        _s_should,
        _s_only_if,
        _s_at,
        _s_which_allows,
        _s_levers,
        _s_without,
        _s_budget,
        _s_share,
        _s_talk,
        _s_quote,
        _s_result,
        _s_connector_pl,
        # The plainer sentences twice: most of a paragraph is statements.
        _s_connector_sg,
        _s_plural,
        _s_at,
        _s_which_allows,
    )

    def paragraph(self, sentences: int) -> str:
        text = " ".join(self.sentence() for _ in range(sentences))
        if self.rng.random() < 0.08:
            label, url = self.rng.choice(_LINKS)
            if self.rng.random() < 0.75:
                text += f" Pour aller plus loin, voir [{label}]({url})."
            else:
                text += f" Source : {url}"
        return text

    # -- blocks -------------------------------------------------------------

    def heading(self, style: str, number: int) -> str:
        rng = self.rng
        for _ in range(20):  # writers rarely repeat a heading
            action, topic = self.an_action(), self.a_topic()
            text = self.pick(_HEADINGS).format(
                action=action,
                topic=topic,
                de_topic=_de(topic),
                Topic=_cap(topic),
                Action=_cap(action),
                q=self.mark("?"),
                n=3 + int(self.random() * 7),
                subjects=self.pick(_SUBJECTS_PL),
            )
            if text not in self.headings:
                break
        self.headings.add(text)
        if style == "upper":
            text = text.upper()
        elif style == "numbered":
            text = f"{number}{rng.choice(['.', ')', ' -', '/'])} {text}"
        return f"{'###' if rng.random() < 0.08 else '##'} {text}"

    def bullet_list(self) -> str:
        rng = self.rng
        marker = rng.choices(["-", "*", "•", "1."], weights=[6, 3, 1, 2])[0]
        ending = rng.choice(["", " ;", ".", ","])
        count = rng.randint(3, 6)
        items = []
        for index in range(count):
            kind = rng.randrange(4)
            if kind == 0:
                item = _cap(rng.choice(_ACTIONS))
            elif kind == 1:
                item = f"{_cap(rng.choice(_OBJECTS))}{rng.choice(_COMPLEMENTS)}"
            elif kind == 2:
                item = f"**{_cap(rng.choice(_OBJECTS))}** : {rng.choice(_ACTIONS)}"
            else:
                item = f"{self.pct()} des {rng.choice(_POPULATIONS)} {rng.choice(_STAT_PREDICATES).format(year=2022)}"
            bullet = f"{index + 1}." if marker == "1." else marker
            items.append(f"{bullet} {item}{'.' if index == count - 1 and ending == ' ;' else ending}")
        intro = rng.choice(
            [
                f"Quelques pistes pour {self.an_action()}{self.mark(':')}",
                f"Les points essentiels{self.mark(':')}",
                f"Concrètement, cela passe par{self.mark(':')}",
                f"À retenir{self.mark(':')}",
                f"Voici ce que nous recommandons{self.mark(':')}",
            ]
        )
        return intro + "\n\n" + "\n".join(items)

    def table(self) -> str:
        rng = self.rng
        first = rng.randint(2018, 2024)
        rows = [f"| Indicateur | {first} | {first + 1} | Évolution |", "|---|---|---|---|"]
        for kpi in rng.sample(_KPIS, rng.randint(3, 5)):
            before = rng.randint(5, 400)
            after = max(1, before + rng.randint(-before // 3, before // 2))
            change = round(100 * (after - before) / before)
            rows.append(f"| {kpi} | {before} | {after} | {'+' if change >= 0 else ''}{change}{self.percent} |")
        if rng.random() < 0.3:
            rows[1] = "| :--- | ---: | ---: | :---: |"
        return "Les résultats, avant et après :\n\n" + "\n".join(rows)


def _image_markup(rng: random.Random, slug: str) -> str:
    kind = rng.randrange(4)
    ext = _weighted(rng, _IMAGE_EXTS)
    if kind == 0:
        name = f"photo-{rng.randint(10**12, 10**13 - 1)}-{rng.getrandbits(48):012x}"
    elif kind == 1:
        name = f"schema-{slug.split('-')[0] or 'article'}-{rng.randint(1, 9)}"
    elif kind == 2:
        name = rng.choice(["equipe", "salon", "reunion", "capture-crm", "infographie", "graphique", "bureau"]) + f"-{rng.randint(1, 99)}"
    else:
        name = f"IMG_{rng.randint(1000, 9999)}"
    path = f"{rng.choice(['img', 'img', 'images', 'assets'])}/{name}.{ext}"
    alt = rng.choice(_IMAGE_ALTS)
    title = f' "{rng.choice(_IMAGE_TITLES)}"' if rng.random() < 0.5 else ""
    form = rng.choices(["! [{a}] ({p}{t})", "![{a}] ({p}{t})", "! [{a}]({p}{t})", "![{a}]({p}{t})"], weights=[3, 2, 2, 3])[0]
    return form.format(a=alt, p=path, t=title)


def _title(rng: random.Random, topic: str, action: str) -> str:
    n = rng.randint(3, 12)
    year = rng.randint(2018, 2026)
    topic_cap = _cap(topic)
    templates = [
        f"Comment {action} ?",
        f"{n} conseils pour {action}",
        f"Pourquoi {action} en {year} ?",
        f"{topic_cap} : {n} erreurs à éviter",
        f"{topic_cap} : le guide complet",
        f"{topic_cap} : mode d'emploi",
        f"{topic_cap} : ce qu'il faut savoir en {year}",
        f"L'essentiel sur {topic}",
        "Retour d'expérience : " + rng.choice(_EVENTS).format(salon=rng.choice(_SALONS), year=year),
        f"{topic_cap} et {rng.choice(_TOPICS)} : comment les réconcilier ?",
        f"Faut-il encore {action} ?",
        f"{topic_cap} : quelles tendances pour {year} ?",
        f"Les {n} indicateurs clés pour {action}",
        f"Comment l'IA transforme {topic}",
        f"{_cap(action)} : la méthode en {n} étapes",
        f"{_cap(action)}, mode d'emploi",
        f"Salon {rng.choice(_SALONS)} {year} : nos {n} enseignements",
        f"{topic_cap} : mythe ou réalité ?",
        f"Peut-on vraiment {action} ?",
        f"{n} idées reçues sur {topic}",
        f"Ce que {topic} change pour {rng.choice(_SUBJECTS_PL)}",
        f"{topic_cap} : pourquoi ça ne marche pas (toujours)",
        f"Le guide pour {action} sans y passer des heures",
        f"{_cap(action)} grâce à {topic}",
    ]
    if not topic.startswith("les "):
        templates.append(f"Qu'est-ce que {topic} ?")
    title = rng.choice(templates)
    if rng.random() < 0.25:
        title = title.replace(" ?", "?")
    if rng.random() < 0.15:
        title = title.replace("'", "’")
    return title


def _file_stem(rng: random.Random, title: str) -> str:
    words = [word for word in _slugify(title).split("-") if word]
    if rng.random() < 0.5:
        words = [word for word in words if word not in _FILE_STOP_WORDS] or words
    words = words[: rng.randint(4, 10)]
    stem = "-".join(words) or "article"
    roll = rng.random()
    if roll < 0.04:
        stem = "_".join(words[:4])
    elif roll < 0.07:
        stem = "-".join(word.capitalize() for word in words[:5])
    elif roll < 0.10:
        stem += rng.choice(["-v2", "-final", "_relu", "-def"])
    return stem


class _ArticleSet:
    """Keeps titles and file names unique across the articles already made."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.url_keys: set[str] = set()
        self.file_keys: set[str] = set()

    def article(self, index: int) -> tuple[str, bytes]:
        rng = random.Random(f"generate_articles:{self.seed}:{index}")
        topic, action = rng.choice(_TOPICS), rng.choice(_ACTIONS)
        title = self._unique_title(rng, topic, action)
        date = dt.date.fromordinal(rng.randint(_FIRST_DAY, _LAST_DAY))
        if date > _LATEST_DAY:
            date = date.replace(year=date.year - 1)
        dateless = rng.random() < 0.08
        prefixed = dateless or rng.random() < 0.2
        stem = _file_stem(rng, title)
        name = self._unique_file(f"{date.isoformat()}-{stem}" if prefixed else stem)

        prose = _Prose(rng, topic, action)
        body = _body(rng, prose, title, _slugify(title))
        toml = rng.random() < 0.05
        front = (_toml_front if toml else _yaml_front)(rng, title, date, dateless, topic)
        text = front + body
        if rng.random() < 0.05:
            text = text.replace("\n", "\r\n")
        if rng.random() < 0.05:
            text = "\ufeff" + text
        return name + ".md", text.encode("utf-8")

    def _unique_title(self, rng: random.Random, topic: str, action: str) -> str:
        title = _title(rng, topic, action)
        for attempt in range(1000):
            key = _url_key(title)
            # A suffix beyond the slug's 80 characters would not tell two URLs apart.
            if key not in self.url_keys and len(_slugify(title)) < _SLUG_MAX - 5:
                self.url_keys.add(key)
                return title
            if attempt < 6 and len(_slugify(title)) < _SLUG_MAX - 30:
                suffix = rng.choice(_TITLE_SUFFIXES).format(year=rng.randint(2018, 2026), n=rng.randint(3, 12))
                title = title.rstrip(" ?") + suffix
            elif attempt < 200:
                title = _title(rng, rng.choice(_TOPICS), rng.choice(_ACTIONS))
            else:
                title = f"{_title(rng, rng.choice(_TOPICS), rng.choice(_ACTIONS))[:40].rstrip()} (n°{attempt})"
        raise RuntimeError("no unique title found")  # pragma: no cover

    def _unique_file(self, stem: str) -> str:
        candidate, number = stem, 2
        while candidate.casefold() in self.file_keys:
            candidate, number = f"{stem}-{number}", number + 1
        self.file_keys.add(candidate.casefold())
        return candidate


def _body(rng: random.Random, prose: _Prose, title: str, slug: str) -> str:
    # Stop once past the target; the margins leave room for the closing blocks.
    target = int(rng.triangular(_MIN_WORDS + 40, _MAX_WORDS - 250, 900))
    heading_style = rng.choices(["sentence", "upper", "numbered"], weights=[11, 5, 4])[0]
    blocks: list[str] = []
    words = 0

    def add(block: str) -> None:
        nonlocal words
        blocks.append(block)
        words += block.count(" ") + block.count("\n") + 1  # close to len(split()), much cheaper

    if rng.random() < 0.4:
        add(_image_markup(rng, slug))
    if rng.random() < 0.5:
        heading = _cap(title) if rng.random() < 0.85 else title.upper()
        add(f"# {heading}")
    intro = prose.paragraph(rng.randint(2, 5))
    add(f"**{intro}**" if rng.random() < 0.3 else intro)
    images_left = rng.choices([0, 1, 2, 3], weights=[3, 4, 2, 1])[0]
    number = 1
    while words < target:
        add(prose.heading(heading_style, number))
        number += 1
        for _ in range(rng.randint(1, 3)):
            if words >= target:
                break
            add(prose.paragraph(min(rng.randint(3, 10), 1 + (target - words) // 15)))
            roll = rng.random()
            if roll < 0.12:
                add(prose.bullet_list())
            elif roll < 0.15:
                add(prose.table())
            elif roll < 0.22 and images_left:
                add(_image_markup(rng, slug))
                images_left -= 1
    if rng.random() < 0.6:
        closing = rng.choice(["Conclusion", "En résumé", "Ce qu'il faut retenir", "Pour conclure", "En bref"])
        add("## " + (closing.upper() if heading_style == "upper" else closing))
        add(prose.paragraph(rng.randint(2, 4)))
    if rng.random() < 0.1:
        add(f"*Article rédigé par l'équipe {rng.choice(['marketing', 'commerciale', 'communication'])}.*")
    # Keep within bounds whatever the last blocks added (counted exactly when
    # near the top: the running count misses words joined by a no-break space).
    if words > _MAX_WORDS - 300:
        words = sum(len(block.split()) for block in blocks)
        while words > _MAX_WORDS - 10:
            words -= len(blocks.pop(-2).split())
    apostrophes = rng.choices(["straight", "curly", "mixed"], weights=[12, 5, 3])[0]
    if apostrophes == "curly":
        blocks = [_APOSTROPHE.sub("’", block) for block in blocks]
    elif apostrophes == "mixed":  # pasted from a word processor, then edited
        blocks = [_APOSTROPHE.sub("’", block) if rng.random() < 0.5 else block for block in blocks]
    separator = "\n\n" if rng.random() < 0.9 else "\n\n\n"
    ending = rng.choice(["\n", "\n", "\n", "", "\n\n"])
    return "\n" + separator.join(blocks) + ending


# -- front matter -----------------------------------------------------------


def _date_value(rng: random.Random, date: dt.date, toml: bool) -> tuple[str, str]:
    """(format name, front matter value)."""
    fmt = _weighted(
        rng, [("iso", 34), ("iso_quoted", 10), ("iso_time", 8), ("slash", 12), ("dash", 6), ("long", 12), ("abbr", 8), ("weekday", 6)]
    )
    iso = date.isoformat()
    first_suffix = rng.random() < 0.7
    if fmt == "iso":
        return fmt, iso
    if fmt == "iso_quoted":
        return fmt, f'"{iso}"' if toml or rng.random() < 0.7 else f"'{iso}'"
    if fmt == "iso_time":
        hour, minute = rng.randint(8, 19), rng.choice([0, 0, 15, 30, 45, rng.randint(0, 59)])
        local = f"{hour:02d}:{minute:02d}:00"
        form = rng.randrange(4)
        if form == 0:
            value = f"{iso} {local}"
        elif form == 1:
            value = f"{iso}T{local}{_paris_offset(date)}"
        elif form == 2:
            utc = hour - int(_paris_offset(date)[2])
            value = f"{iso}T{utc:02d}:{minute:02d}:00Z"
        else:
            value = f"{iso} {local} {_paris_offset(date)}"
            if toml:
                value = f"{iso}T{local}{_paris_offset(date)}"
        return fmt, value
    if fmt == "slash":
        text = f"{date.day:02d}/{date.month:02d}/{date.year}"
    elif fmt == "dash":
        text = f"{date.day:02d}-{date.month:02d}-{date.year}"
    elif fmt == "long":
        text = f"{_day_text(date.day, first_suffix)} {_MONTHS[date.month - 1]} {date.year}"
    elif fmt == "abbr":
        text = f"{_day_text(date.day, first_suffix)} {_MONTHS_SHORT[date.month - 1]} {date.year}"
    else:
        text = f"{_WEEKDAYS[date.weekday()]} {_day_text(date.day, first_suffix)} {_MONTHS[date.month - 1]} {date.year}"
    if toml or rng.random() < 0.3:
        return fmt, f'"{text}"'
    return fmt, text


def _authors_value(rng: random.Random) -> list[str] | str:
    count = rng.choices([1, 2, 3], weights=[14, 5, 1])[0]
    names = [rng.choice(spellings) for spellings in rng.sample(_AUTHORS, count)]
    if count > 1 and rng.random() < 0.6:
        joiner = rng.choice(_AUTHOR_JOINERS)
        return joiner.join(names)
    if count == 1 and rng.random() < 0.75:
        return names[0]
    return names


def _terms(rng: random.Random, pool: list[list[str]], low: int, high: int) -> list[str]:
    return [rng.choice(spellings) for spellings in rng.sample(pool, rng.randint(low, high))]


def _description(rng: random.Random, prose: _Prose) -> str:
    text = prose.sentence()
    if rng.random() < 0.4:
        text += " " + prose.sentence()
    return text.replace("**", "")


def _readtime_value(rng: random.Random) -> tuple[str, int | str]:
    minutes = rng.choices(range(1, 16), weights=[6, 8, 10, 10, 9, 8, 6, 5, 4, 4, 2, 2, 1, 1, 1])[0]
    form = rng.choice(["{}", "{}", "{} min", "{} minutes", "{}mn", "{} min.", "{} min"])
    return form, minutes


def _yaml_list(rng: random.Random, items: list[str], tabs: bool) -> str:
    """A YAML list written one of the ways writers do."""
    flow_plain_ok = all(
        not _FLOW_UNSAFE.search(item) and not _YAML_PLAIN_UNSAFE.search(item) and not _YAML_RESERVED.match(item) for item in items
    )
    style = rng.choices(["flow_quoted", "flow_plain", "block", "comma", "semicolon"], weights=[5, 3 if flow_plain_ok else 0, 4, 3, 1])[0]
    if style == "flow_quoted":
        return "[" + ", ".join(json.dumps(item, ensure_ascii=False) for item in items) + "]"
    if style == "flow_plain":
        return "[" + rng.choice([", ", ",", " , "]).join(items) + "]"
    if style == "block":
        indent = "\t" if tabs else rng.choice(["  ", "  ", "    ", ""])
        return "".join(f"\n{indent}- {_yaml_scalar(rng, item, plain_weight=8)}" for item in items)
    joined = rng.choice([", ", ",", " , "] if style == "comma" else ["; ", ";", " ; "]).join(items)
    return _yaml_scalar(rng, joined, plain_weight=6)


def _yaml_front(rng: random.Random, title: str, date: dt.date, dateless: bool, topic: str) -> str:
    colon = rng.choices([" : ", ": ", "mixed"], weights=[4, 5, 2])[0]
    tabs = rng.random() < 0.05
    fields: list[tuple[str, str]] = []  # (canonical, "value part": leading space included, or a block)

    title_text = title if rng.random() < 0.85 else title[:1].lower() + title[1:]
    fields.append(("title", " " + _yaml_scalar(rng, title_text, plain_weight=4)))
    if not dateless:
        fields.append(("date", " " + _date_value(rng, date, toml=False)[1]))
    if rng.random() < 0.95:
        authors = _authors_value(rng)
        value = _yaml_list(rng, authors, tabs) if isinstance(authors, list) else _yaml_scalar(rng, authors)
        fields.append(("authors", value if value.startswith("\n") else " " + value))
    if rng.random() < 0.85:
        categories = _terms(rng, _CATEGORIES, 1, 2)
        if len(categories) == 1 and rng.random() < 0.4:
            value = _yaml_scalar(rng, categories[0])
        else:
            value = _yaml_list(rng, categories, tabs)
        fields.append(("categories", value if value.startswith("\n") else " " + value))
    if rng.random() < 0.9:
        value = _yaml_list(rng, _terms(rng, _TAGS, 1, 6), tabs)
        fields.append(("tags", value if value.startswith("\n") else " " + value))
    if rng.random() < 0.65:
        form, minutes = _readtime_value(rng)
        text = form.format(minutes)
        value = text if form == "{}" and rng.random() < 0.6 else _yaml_scalar(rng, text, plain_weight=3)
        fields.append(("readtime", " " + value))
    if rng.random() < 0.35:
        description = _description(rng, _Prose(rng, topic, rng.choice(_ACTIONS)))
        if rng.random() < 0.2:
            words = description.split(" ")
            middle = len(words) // 2
            value = rng.choice([">", ">-", "|"]) + "\n  " + " ".join(words[:middle]) + "\n  " + " ".join(words[middle:])
            fields.append(("description", " " + value))
        else:
            fields.append(("description", " " + _yaml_scalar(rng, description, plain_weight=3)))
    if rng.random() < 0.25:
        path = f"img/{rng.choice(['cover', 'banniere', 'visuel', 'photo'])}-{rng.randint(1, 500)}.{_weighted(rng, _IMAGE_EXTS)}"
        fields.append(("image", " " + _yaml_scalar(rng, path, plain_weight=6)))
    if rng.random() < 0.03:
        fields.append(("draft", " " + _weighted(rng, _DRAFT_VALUES)))

    if rng.random() < 0.3 and len(fields) > 3:  # writers move keys around
        i, j = rng.sample(range(1, len(fields)), 2)
        fields[i], fields[j] = fields[j], fields[i]

    lines = ["---"]
    for canonical, value in fields:
        key = _weighted(rng, _KEY_SPELLINGS[canonical])
        separator = colon if colon != "mixed" else rng.choice([" : ", ": ", "  : "])
        if value.startswith("\n"):
            lines.append(f"{key}{separator.rstrip()}{value}")
        else:
            lines.append(f"{key}{separator}{value[1:]}")
        if rng.random() < 0.2:
            lines.append("")
        elif rng.random() < 0.05:
            lines[-1] += " "
    if rng.random() < 0.05:
        lines.append("# à relire avant publication")
    lines.append("---")
    return "\n".join(lines) + "\n"


def _toml_front(rng: random.Random, title: str, date: dt.date, dateless: bool, topic: str) -> str:
    lines = ["+++", f"{_toml_key(_weighted(rng, _KEY_SPELLINGS['title']).strip())} = {_toml_string(title)}"]
    if not dateless:
        _, value = _date_value(rng, date, toml=True)
        lines.append(f"{_toml_key(_weighted(rng, _KEY_SPELLINGS['date']))} = {value}")
    authors = _authors_value(rng)
    authors_value = _toml_string(authors) if isinstance(authors, str) else "[" + ", ".join(_toml_string(name) for name in authors) + "]"
    lines.append(f"{_toml_key(_weighted(rng, _KEY_SPELLINGS['authors']))} = {authors_value}")
    lines.append(
        f"{_toml_key(_weighted(rng, _KEY_SPELLINGS['categories']))} = "
        + "["
        + ", ".join(_toml_string(term) for term in _terms(rng, _CATEGORIES, 1, 2))
        + "]"
    )
    tags = _terms(rng, _TAGS, 1, 5)
    tags_value = _toml_string(", ".join(tags)) if rng.random() < 0.3 else "[" + ", ".join(_toml_string(term) for term in tags) + "]"
    lines.append(f"{_toml_key(_weighted(rng, _KEY_SPELLINGS['tags']))} = {tags_value}")
    if rng.random() < 0.7:
        form, minutes = _readtime_value(rng)
        value = str(minutes) if form == "{}" else _toml_string(form.format(minutes))
        lines.append(f"{_toml_key(_weighted(rng, _KEY_SPELLINGS['readtime']))} = {value}")
    if rng.random() < 0.3:
        description = _description(rng, _Prose(rng, topic, rng.choice(_ACTIONS)))
        lines.append(f"{_toml_key(_weighted(rng, _KEY_SPELLINGS['description']))} = {_toml_string(description)}")
    if rng.random() < 0.03:
        lines.append(f"{_toml_key(_weighted(rng, _KEY_SPELLINGS['draft']))} = true")
    lines.append("+++")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------
# Public API and command line
# ---------------------------------------------------------------------------


def generate(n: int, seed: int = 0) -> list[tuple[str, bytes]]:
    """``n`` articles as (file name, UTF-8 content); deterministic for a given seed.

    The first ``k`` articles are the same for any ``n >= k``.
    """
    if n < 0:
        raise ValueError("n must be >= 0")
    articles = _ArticleSet(seed)
    return [articles.article(index) for index in range(n)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate messy French articles for benchmarking the site.")
    parser.add_argument("--count", type=int, required=True, help="number of articles")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write into (created if missing)")
    args = parser.parse_args(argv)
    if args.count < 0:
        parser.error("--count must be >= 0")
    started = time.perf_counter()
    articles = generate(args.count, args.seed)
    generated = time.perf_counter()
    args.out.mkdir(parents=True, exist_ok=True)
    for name, content in articles:
        (args.out / name).write_bytes(content)
    written = time.perf_counter()
    print(
        f"{len(articles)} articles in {args.out} (generated in {generated - started:.2f} s, written in {written - generated:.2f} s)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
