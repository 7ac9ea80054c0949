/**
 * The shipped Brazilian Portuguese catalog (written for this project, "você"). Course and platform
 * names are introduced by "o curso" / "a plataforma" so no sentence has to guess their gender.
 * Plural entries carry every CLDR category of `Intl.PluralRules("pt-BR")`.
 */
import type { CatalogMessage } from "./catalog.ts";
import type { MsgId } from "./en.ts";

/** Brazilian Portuguese strings by msgid. */
export const ptBr: Readonly<Record<MsgId, CatalogMessage>> = {
  // Shared layout (head, header, footer)
  "{platform_name} Email": "E-mail da plataforma {platform_name}",
  "Go to {platform_name} Home Page":
    "Ir para a página inicial da plataforma {platform_name}",
  "My Account": "Minha conta",
  "{platform_name} on LinkedIn": "{platform_name} no LinkedIn",
  "{platform_name} on Twitter": "{platform_name} no Twitter",
  "{platform_name} on Facebook": "{platform_name} no Facebook",
  "{platform_name} on Google Plus": "{platform_name} no Google Plus",
  "{platform_name} on Reddit": "{platform_name} no Reddit",
  "Download the iOS app on the Apple Store":
    "Baixe o aplicativo para iOS na Apple Store",
  "Download the Android app on the Google Play Store":
    "Baixe o aplicativo para Android na Google Play Store",
  "View on Web": "Ver no navegador",
  "Unsubscribe from this list": "Cancelar a inscrição nesta lista",
  "© {year} {platform_name}, All rights reserved.":
    "© {year} {platform_name}. Todos os direitos reservados.",
  "Our mailing address is:": "Nosso endereço postal é:",
  "Unsubscribe from these emails.": "Cancelar o recebimento destes e-mails.",
  // Upsell block
  "Don't miss the opportunity to highlight your new knowledge and skills by earning a verified certificate. Upgrade by {user_schedule_upgrade_deadline_time}.":
    "Não perca a oportunidade de destacar seus novos conhecimentos e habilidades com um certificado verificado. Faça o upgrade até {user_schedule_upgrade_deadline_time}.",
  "Upgrade Now": "Fazer o upgrade agora",
  // recurringnudge_day3
  "Keep learning in {course_name}":
    "Continue aprendendo no curso {course_name}",
  "Keep learning on {platform_name}":
    "Continue aprendendo na plataforma {platform_name}",
  "Remember when you enrolled in {course_name} on {platform_name}? We do, and we're glad to have you! Come see what everyone is learning.":
    "Lembra quando você se inscreveu no curso {course_name} na plataforma {platform_name}? Nós lembramos, e estamos muito felizes em ter você aqui! Venha ver o que todos estão aprendendo.",
  "Remember when you enrolled in {course_name}, and other courses on {platform_name}? We do, and we're glad to have you! Come see what everyone is learning.":
    "Lembra quando você se inscreveu no curso {course_name} e em outros cursos da plataforma {platform_name}? Nós lembramos, e estamos muito felizes em ter você aqui! Venha ver o que todos estão aprendendo.",
  "Keep learning today.": "Continue aprendendo hoje.",
  "Start learning now": "Comece a aprender agora",
  // recurringnudge_day10
  "Keep up the momentum!": "Mantenha o ritmo!",
  "Many {platform_name} learners in {course_name} are completing more problems every week, and participating in the discussion forums. What do you want to do to keep learning?":
    "Muitos alunos da plataforma {platform_name} no curso {course_name} estão resolvendo mais exercícios a cada semana e participando dos fóruns de discussão. O que você quer fazer para continuar aprendendo?",
  "Many {platform_name} learners are completing more problems every week, and participating in the discussion forums. What do you want to do to keep learning?":
    "Muitos alunos da plataforma {platform_name} estão resolvendo mais exercícios a cada semana e participando dos fóruns de discussão. O que você quer fazer para continuar aprendendo?",
  "Keep learning": "Continuar aprendendo",
  // upgradereminder
  "Upgrade to earn a verified certificate on {platform_name}":
    "Faça o upgrade para obter um certificado verificado na plataforma {platform_name}",
  "Upgrade to earn a verified certificate in {first_course_name}":
    "Faça o upgrade para obter um certificado verificado no curso {first_course_name}",
  "We hope you are enjoying learning with us so far on {platform_name}! A verified certificate allows you to highlight your new knowledge and skills. An {platform_name} certificate is official and easily shareable.":
    "Esperamos que você esteja gostando de aprender conosco na plataforma {platform_name}! Um certificado verificado permite destacar seus novos conhecimentos e habilidades. Um certificado da plataforma {platform_name} é oficial e fácil de compartilhar.",
  "We hope you are enjoying learning with us so far in {first_course_name}! A verified certificate allows you to highlight your new knowledge and skills. An {platform_name} certificate is official and easily shareable.":
    "Esperamos que você esteja gostando de aprender conosco no curso {first_course_name}! Um certificado verificado permite destacar seus novos conhecimentos e habilidades. Um certificado da plataforma {platform_name} é oficial e fácil de compartilhar.",
  "Upgrade by {user_schedule_upgrade_deadline_time}.":
    "Faça o upgrade até {user_schedule_upgrade_deadline_time}.",
  "Upgrade now": "Fazer o upgrade agora",
  "You are eligible to upgrade in this course:": {
    one: "Você pode fazer o upgrade neste curso:",
    many: "Você pode fazer o upgrade nestes cursos:",
    other: "Você pode fazer o upgrade nestes cursos:",
  },
  "Example of a verified certificate": "Exemplo de certificado verificado",
  "Upgrade now at": "Faça o upgrade agora em",
  // instructorledcourseupdate
  "{course_name} Weekly Update": "Novidades da semana: {course_name}",
  "Welcome to week {week_num} of {course_name}!":
    "Boas-vindas à semana {week_num} do curso {course_name}!",
  "We hope you're enjoying {course_name}! We want to let you know what you can look forward to in the coming weeks:":
    "Esperamos que você esteja gostando do curso {course_name}! Veja o que vem por aí nas próximas semanas:",
  "We encourage you to spend time with the course each week. Your focused attention will pay off in the end!":
    "Recomendamos que você dedique um tempo ao curso toda semana. Sua dedicação será recompensada!",
  "Resume your course now": "Retomar seu curso agora",
  // courseupdate
  "Welcome to week {week_num}": "Boas-vindas à semana {week_num}",
  "We hope you're enjoying {course_name}! We want to let you know what you can look forward to in week {week_num}:":
    "Esperamos que você esteja gostando do curso {course_name}! Veja o que vem por aí na semana {week_num}:",
  "With self-paced courses, you learn on your own schedule. We encourage you to spend time with the course each week. Your focused attention will pay off in the end!":
    "Nos cursos no seu ritmo, você aprende de acordo com a sua agenda. Recomendamos que você dedique um tempo ao curso toda semana. Sua dedicação será recompensada!",
};
